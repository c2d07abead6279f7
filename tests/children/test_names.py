from children.names import name_key


def test_kazakh_and_russian_spellings_and_case_match():
    assert name_key("Нұрланов", "Әлия") == name_key("НУРЛАНОВ", "алия")
    assert name_key("Қасымова", "Айгерім") == name_key("Касымова", "Айгерим")
    assert name_key("Семёнов", "Пётр") == name_key("Семенов", "Петр")
    assert name_key("Жақсылықов", "Ерасыл") == name_key("Zhaksylykov", "Erasyl")


def test_different_names_differ():
    assert name_key("Омаров", "Арман") != name_key("Омарова", "Арман")
    assert name_key("Омаров", "Арман") != name_key("Омаров", "Ерлан")
