"""The names every kind of development data draws from: the demo region, the synthetic
register of the benchmarks and the synthetic workbook. Kazakh and Russian first names,
surnames (the feminine form adds "а"), fathers' names for patronymics (…ұлы, …қызы),
mothers' names, streets.

Each user draws from a list of a fixed length (the synthetic register from the first
18 first names and 16 surnames, the synthetic workbook from the first 8 of each):
the number of names is part of what a seed gives, since a random choice among more
names takes other draws of the generator. Change a list's length and every seed's
data changes, not only its names.
"""

BOYS = [
    "Нұрлан",
    "Ерлан",
    "Әлихан",
    "Арман",
    "Данияр",
    "Асылжан",
    "Бекзат",
    "Ерасыл",
    "Жандос",
    "Мирас",
    "Нұрсұлтан",
    "Санжар",
    "Темірлан",
    "Диас",
    "Айбек",
    "Ернұр",
    "Ислам",
    "Рамазан",
    "Абылай",
    "Артём",
    "Максим",
    "Дмитрий",
    "Руслан",
    "Тимур",
]
GIRLS = [
    "Айгерім",
    "Аружан",
    "Ақбота",
    "Дана",
    "Жансая",
    "Інжу",
    "Мадина",
    "Назерке",
    "Томирис",
    "Аяулым",
    "Дильназ",
    "Айзере",
    "Жұлдыз",
    "Сабина",
    "Амина",
    "Гүлназ",
    "Ақерке",
    "Көркем",
    "Аида",
    "Анна",
    "Мария",
    "Виктория",
    "Дарья",
    "Алина",
]
SURNAMES = [
    "Ахметов",
    "Серікбаев",
    "Жұмабаев",
    "Нұрланов",
    "Омаров",
    "Қасымов",
    "Тоқтаров",
    "Исаев",
    "Бейсенов",
    "Мұратов",
    "Сейітов",
    "Әбдіров",
    "Қалиев",
    "Оспанов",
    "Төлеуов",
    "Жақсылықов",
    "Иванов",
    "Петров",
    "Кузнецов",
    "Есенов",
    "Сарсенов",
    "Байжанов",
]
FATHERS = ["Серік", "Ерлан", "Марат", "Бауыржан", "Қайрат", "Асқар", "Нұрлан", "Дәурен", "Ержан"]
MOTHERS = ["Гүлнар", "Айнұр", "Сәуле", "Жанар", "Динара", "Меруерт", "Ольга"]
STREETS = [
    "Абай даңғылы",
    "Қонаев көшесі",
    "Төле би көшесі",
    "Жансүгіров көшесі",
    "Шевченко көшесі",
    "Тәуелсіздік көшесі",
    "Гагарин көшесі",
]
