"""The annual report's paragraphs, written from the figures in Kazakh and in Russian.

The sentences follow the seed report (../shared/domain/seed-report-kk.txt and its
Russian reading); numbers are filled in from the indicators and the words around them
agree with them: Russian nouns take the form the number asks for (1 ребёнок,
2 ребёнка, 5 детей), "fewer" becomes "more" when the figure grew, a missing base
gives no percentage rather than a false one. Kazakh nouns stay singular after a
numeral and carry their own case ending, so the sentences put the noun after the
number.
"""

from __future__ import annotations

from collections.abc import Callable


def ru_plural(number: int, one: str, few: str, many: str) -> str:
    """The Russian noun form for a count: 1 ребёнок, 2 ребёнка, 5 детей, 21 ребёнок."""
    number = abs(int(number))
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


def decimal(value) -> str:
    """6.5 -> "6,5" (a decimal comma, as both languages write it)."""
    return f"{value:.1f}".replace(".", ",") if value is not None else "—"


def n(value) -> str:
    return str(value if value is not None else 0)


def _pct(value) -> str:
    return f"{decimal(value)} %" if value is not None else "—"


def russian(v: dict, year: int) -> list[str]:
    total, change = v["contingent.total"], v["contingent.total_change"]
    children = ru_plural(total, "ребёнок", "ребёнка", "детей")
    trend = "меньше" if change < 0 else "больше"
    paragraphs = []
    if change:
        paragraphs.append(
            f"На учёте состоит {total} {children} из числа детей-сирот и детей, оставшихся без "
            f"попечения родителей, что на {abs(change)} ({decimal(abs(v['contingent.total_change_pct'] or 0))} %) "
            f"{trend}, чем в прошлом году."
        )
    else:
        paragraphs.append(
            f"На учёте состоит {total} {children} из числа детей-сирот и детей, оставшихся без "
            f"попечения родителей, столько же, сколько в прошлом году."
        )
    pupils, pupils_change = v["contingent.institution"], v["contingent.institution_change"]
    if pupils_change:
        verb = "уменьшилось" if pupils_change < 0 else "увеличилось"
        paragraphs.append(
            f"Число воспитанников организаций для детей-сирот и детей, оставшихся без попечения "
            f"родителей, по сравнению с прошлым годом {verb} на {abs(pupils_change)} "
            f"({decimal(abs(v['contingent.institution_change_pct'] or 0))} %) и составляет {pupils}."
        )
    else:
        paragraphs.append(
            f"Число воспитанников организаций для детей-сирот и детей, оставшихся без попечения "
            f"родителей, не изменилось и составляет {pupils}."
        )
    secured_i, secured_f = v["housing.secured_institution"], v["housing.secured_family"]
    paragraphs.append(
        f"Жильё закреплено за {secured_i} "
        f"{ru_plural(secured_i, 'воспитанником', 'воспитанниками', 'воспитанниками')} организаций "
        f"образования ({_pct(v['housing.secured_institution_pct'])} от их числа) и за {secured_f} "
        f"{ru_plural(secured_f, 'ребёнком', 'детьми', 'детьми')}, переданными под опеку, "
        f"попечительство и на патронатное воспитание ({_pct(v['housing.secured_family_pct'])} от их "
        f"числа). Из общего числа детей-сирот и детей, оставшихся без попечения родителей, "
        f"{_pct(v['housing.full_ownership_pct'])} имеют полное право собственности на жильё и "
        f"{_pct(v['housing.share_ownership_pct'])} — долю в праве собственности."
    )
    paragraphs.append(
        f"Для получения жилья из государственного жилищного фонда в очередь поставлены "
        f"{_pct(v['housing.queue_institution_pct'])} воспитанников организаций и "
        f"{_pct(v['housing.queue_family_pct'])} детей, находящихся под опекой, попечительством и на "
        f"патронатном воспитании."
    )
    provided, graduates = v["housing.provided_year"], v["housing.provided_year_graduates"]
    if not provided:
        paragraphs.append(
            f"В {year} году жильём не был обеспечен никто из числа детей-сирот и детей, "
            f"оставшихся без попечения родителей."
        )
    else:
        # "из них 0 — выпускников" reads as a misprint: no graduate is said in words.
        among = (
            f"из них {graduates} — "
            f"{ru_plural(graduates, 'выпускник', 'выпускника', 'выпускников')} детских домов"
            if graduates
            else "выпускников детских домов среди них нет"
        )
        paragraphs.append(
            f"В {year} году жильём {ru_plural(provided, 'обеспечен', 'обеспечены', 'обеспечены')} "
            f"{provided} {ru_plural(provided, 'человек', 'человека', 'человек')} из числа "
            f"детей-сирот и детей, оставшихся без попечения родителей, {among}."
        )
    three, three_g, three_f = (
        v["housing.provided_3y"],
        v["housing.provided_3y_graduates"],
        v["housing.provided_3y_family"],
    )
    paragraphs.append(
        f"За последние три года жильём {ru_plural(three, 'обеспечен', 'обеспечены', 'обеспечены')} "
        f"{three} {ru_plural(three, 'человек', 'человека', 'человек')}: {three_g} "
        f"{ru_plural(three_g, 'выпускник', 'выпускника', 'выпускников')} детских домов и {three_f} "
        f"{ru_plural(three_f, 'воспитанник', 'воспитанника', 'воспитанников')} семей опекунов, "
        f"попечителей и патронатных воспитателей."
    )
    allowance = v["benefits.survivor_allowance"]
    paragraphs.append(
        f"{allowance} {ru_plural(allowance, 'ребёнок', 'ребёнка', 'детей')} "
        f"({_pct(v['benefits.survivor_allowance_pct'])} от общего числа) "
        f"{ru_plural(allowance, 'получает', 'получают', 'получают')} пособие в связи со смертью или "
        f"инвалидностью родителей."
    )
    ordered, received = v["benefits.alimony_ordered"], v["benefits.alimony_received"]
    paragraphs.append(
        f"Алименты взысканы с родителей {ordered} {ru_plural(ordered, 'ребёнка', 'детей', 'детей')}, "
        f"однако фактически в {year} году алименты поступили {received} "
        f"{ru_plural(received, 'ребёнку', 'детям', 'детям')} "
        f"({_pct(v['benefits.alimony_received_pct'])})."
    )
    due, done, overdue = (
        v["monitoring.visits_due"],
        v["monitoring.visits_done"],
        v["monitoring.overdue"],
    )
    paragraphs.append(
        f"По графику в {year} году {ru_plural(due, 'положено', 'положены', 'положено')} {due} "
        f"{ru_plural(due, 'обследование', 'обследования', 'обследований')} условий жизни и "
        f"воспитания детей в замещающих семьях, своевременно {ru_plural(done, 'проведено', 'проведены', 'проведено')} "
        f"{done} ({_pct(v['monitoring.visits_done_pct'])}); на конец года обследование просрочено в {overdue} "
        f"{ru_plural(overdue, 'семье', 'семьях', 'семьях')}."
    )
    pupils_14, plans = v["aftercare.pupils_14"], v["aftercare.life_plan"]
    paragraphs.append(
        f"Индивидуальные планы подготовки к самостоятельной жизни составлены для {plans} из {pupils_14} "
        f"{ru_plural(pupils_14, 'воспитанника', 'воспитанников', 'воспитанников')} в возрасте 14 лет и "
        f"старше ({_pct(v['aftercare.life_plan_pct'])})."
    )
    places, occupied, waiting = (
        v["capacity.youth_home_places"],
        v["capacity.youth_home_occupied"],
        v["capacity.youth_home_waiting"],
    )
    paragraphs.append(
        f"В домах юношества {places} {ru_plural(places, 'место', 'места', 'мест')}, занято {occupied}; "
        f"места ожидают {waiting} {ru_plural(waiting, 'выпускник', 'выпускника', 'выпускников')}."
    )
    return paragraphs


def kazakh(v: dict, year: int) -> list[str]:
    total, change = v["contingent.total"], v["contingent.total_change"]
    paragraphs = []
    if change:
        trend = "азайды" if change < 0 else "көбейді"
        paragraphs.append(
            f"Облыста жетім және ата-анасының қамқорлығынсыз қалған санатқа жататын {total} бала бар, "
            f"өткен жылмен салыстырғанда {abs(change)} бала "
            f"({decimal(abs(v['contingent.total_change_pct'] or 0))} %) {trend}."
        )
    else:
        paragraphs.append(
            f"Облыста жетім және ата-анасының қамқорлығынсыз қалған санатқа жататын {total} бала бар, "
            f"өткен жылмен бірдей."
        )
    pupils_change = v["contingent.institution_change"]
    trend = "азайды" if pupils_change < 0 else "көбейді"
    paragraphs.append(
        f"Жетім және ата-анасының қамқорлығынсыз қалған балаларға арналған мекемелердегі "
        f"тәрбиеленушілер саны {v['contingent.institution']} адам, өткен жылмен салыстырғанда "
        + (
            f"{abs(pupils_change)} адамға ({decimal(abs(v['contingent.institution_change_pct'] or 0))} %) {trend}."
            if pupils_change
            else "өзгерген жоқ."
        )
    )
    paragraphs.append(
        f"Білім беру саласындағы {v['housing.secured_institution']} тәрбиеленушіге (жалпы санынан "
        f"{_pct(v['housing.secured_institution_pct'])}) және қорғаншылық, қамқоршылық, патронаттық "
        f"тәрбиеге берілген {v['housing.secured_family']} балаға (жалпы санынан "
        f"{_pct(v['housing.secured_family_pct'])}) тұрғын үй бекітілген. Жалпы жетім және "
        f"ата-анасының қамқорлығынсыз қалған балалар санынан {_pct(v['housing.full_ownership_pct'])} "
        f"толық меншік құқығына және {_pct(v['housing.share_ownership_pct'])} үлес құқығына ие."
    )
    paragraphs.append(
        f"Мемлекеттік тұрғын үй қорынан үй алу үшін мекемелердегі тәрбиеленушілердің "
        f"{_pct(v['housing.queue_institution_pct'])} және қорғаншылық, қамқоршылық, патронаттық "
        f"тәрбиеге берілген балалардың {_pct(v['housing.queue_family_pct'])} тұрғын үй кезегіне қойылған."
    )
    if not v["housing.provided_year"]:
        paragraphs.append(
            f"{year} жылы жетім және ата-анасының қамқорлығынсыз қалған балалардың ешқайсысы "
            f"тұрғын үймен қамтамасыз етілмеді."
        )
    elif not v["housing.provided_year_graduates"]:
        paragraphs.append(
            f"{year} жылы жетім және ата-анасының қамқорлығынсыз қалған "
            f"{v['housing.provided_year']} адам тұрғын үймен қамтамасыз етілді, олардың "
            f"арасында балалар үйінің түлектері жоқ."
        )
    else:
        paragraphs.append(
            f"{year} жылы жетім және ата-анасының қамқорлығынсыз қалған "
            f"{v['housing.provided_year']} адам тұрғын үймен қамтамасыз етілді, оның ішінде "
            f"балалар үйінің түлектері – {v['housing.provided_year_graduates']}."
        )
    paragraphs.append(
        f"Соңғы үш жылда жетім және ата-анасының қамқорлығынсыз қалған {v['housing.provided_3y']} адам "
        f"тұрғын үймен қамтамасыз етілді, оның ішінде балалар үйінің түлектері – "
        f"{v['housing.provided_3y_graduates']}, қорғаншылық, қамқоршылық, патронат отбасындағы "
        f"тәрбиеленушілер – {v['housing.provided_3y_family']}."
    )
    paragraphs.append(
        f"Жетім және ата-анасының қамқорлығынсыз қалған {v['benefits.survivor_allowance']} бала "
        f"(жалпы санынан {_pct(v['benefits.survivor_allowance_pct'])}) ата-анасының қайтыс болуына "
        f"немесе мүгедектігіне байланысты жәрдемақы алады."
    )
    paragraphs.append(
        f"{v['benefits.alimony_ordered']} баланың ата-анасынан алимент өндірілген, алайда {year} жылы "
        f"алимент нақты {v['benefits.alimony_received']} балаға түсті "
        f"({_pct(v['benefits.alimony_received_pct'])})."
    )
    paragraphs.append(
        f"{year} жылы кесте бойынша қабылдаушы отбасылардағы балалардың тұрмыс жағдайын тексерудің "
        f"{v['monitoring.visits_due']} жағдайы белгіленген, оның ішінде уақтылы жүргізілгені – "
        f"{v['monitoring.visits_done']} ({_pct(v['monitoring.visits_done_pct'])}); жыл соңында "
        f"тексеру мерзімі өткен отбасылар саны – {v['monitoring.overdue']}."
    )
    paragraphs.append(
        f"14 жастан асқан тәрбиеленушілер саны – {v['aftercare.pupils_14']}, оның ішінде өмірге "
        f"дайындаудың жеке жоспары жасалғаны – {v['aftercare.life_plan']} "
        f"({_pct(v['aftercare.life_plan_pct'])})."
    )
    paragraphs.append(
        f"Жасөспірімдер үйлерінде {v['capacity.youth_home_places']} орын бар, оның ішінде "
        f"толғаны – {v['capacity.youth_home_occupied']}; орын күтіп отырған түлектер саны – "
        f"{v['capacity.youth_home_waiting']}."
    )
    return paragraphs


WRITERS: dict[str, Callable[[dict, int], list[str]]] = {"kk": kazakh, "ru": russian}


def paragraphs(values: dict, year: int, language: str) -> list[str]:
    return WRITERS[language](values, year)
