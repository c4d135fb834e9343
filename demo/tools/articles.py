"""The demo corpus as data: fictional agency-style German news, written for
depesche (no third-party text).  Outlets and authors are invented; the actors
are real public figures and institutions, the events are made up in the
style of early 2024.  ``build_demo.py`` renders these into the five input
formats.

Paragraphs starting with "## " are subheadings.
"""

# One dpa dispatch, reprinted with light edits by three outlets (near-duplicates).
PISTORIUS_BASE = [
    "Bundesverteidigungsminister Boris Pistorius ist am Donnerstag zu einem unangekündigten Besuch in Kiew "
    "eingetroffen. Der SPD-Politiker sagte der Ukraine weitere Luftabwehrsysteme und Munition zu.",
    "„Wir werden die Ukraine so lange unterstützen, wie es nötig ist“, sagte Pistorius nach einem Treffen mit "
    "dem ukrainischen Verteidigungsminister Rustem Umerow. Deutschland werde noch in diesem Jahr ein weiteres "
    "Patriot-System liefern.",
    "Umerow dankte der Bundesregierung und forderte zugleich mehr Tempo. Die russischen Angriffe auf Städte und "
    "Kraftwerke nähmen zu, die Ukraine brauche jeden Tag Abfangraketen, sagte er.",
    "## Kritik aus der Opposition",
    "Die Union warf der Bundesregierung vor, zu zögerlich zu handeln. Der Kreml kritisierte den Besuch scharf. "
    "Kremlsprecher Dmitri Peskow sagte in Moskau, Waffenlieferungen verlängerten den Krieg nur.",
]

ARTICLES = [
    # ---------------------------------------------------------------- HTML pages
    dict(
        format="html", slug="pistorius-kiew", outlet="Rheinpost", domain="www.rheinpost.example",
        section="Politik", kicker="Besuch in Kiew", headline="Pistorius sagt Ukraine weitere Luftabwehr zu",
        teaser="Der Verteidigungsminister reist überraschend in die ukrainische Hauptstadt und verspricht mehr Hilfe.",
        published="2024-02-15T10:12:00+01:00", authors=[], agency="dpa",
        image="pistorius-kiew.jpg", caption="Boris Pistorius bei seiner Ankunft in Kiew.", credit="dpa",
        paragraphs=PISTORIUS_BASE,
    ),
    dict(
        format="html", slug="baerbock-sicherheitsrat-sudan", outlet="Rheinpost", domain="www.rheinpost.example",
        section="Politik", kicker="UN-Sicherheitsrat", headline="Baerbock fordert mehr Hilfe für den Sudan",
        teaser="Die Außenministerin wirbt in New York für eine Waffenruhe und sagt zusätzliche Millionen zu.",
        published="2024-02-13T18:40:00+01:00", authors=["Miriam Ostendorf"], agency=None,
        paragraphs=[
            "Außenministerin Annalena Baerbock hat vor dem UN-Sicherheitsrat eine sofortige Waffenruhe im Sudan "
            "gefordert. „Millionen Menschen hungern, während die Welt wegschaut“, sagte die Grünen-Politikerin am "
            "Dienstag in New York.",
            "Deutschland werde seine humanitäre Hilfe um weitere 50 Millionen Euro aufstocken, kündigte Baerbock an. "
            "Die Konfliktparteien müssten den Zugang für Hilfsorganisationen sofort freigeben.",
            "UN-Generalsekretär António Guterres hatte zuvor vor einer der schwersten Hungerkrisen der vergangenen "
            "Jahrzehnte gewarnt. Er appellierte an die Mitglieder des Rates, ihre Differenzen zurückzustellen.",
            "Russland und China lehnten eine gemeinsame Erklärung des Rates allerdings ab. Der russische Botschafter "
            "sagte, der Westen wolle sich in innere Angelegenheiten des Sudans einmischen.",
        ],
    ),
    dict(
        format="html", slug="haushalt-bundestag", outlet="Hansezeitung", domain="www.hansezeitung.example",
        section="Politik", kicker="Generaldebatte", headline="Lindner verteidigt Sparkurs im Bundestag",
        teaser="Der Finanzminister hält an der Schuldenbremse fest. Die Union spricht von Stillstand.",
        published="2024-02-01T16:05:00+01:00", authors=["Jonas Kettler", "Sina Brodersen"], agency=None,
        image="bundestag-debatte.jpg", caption="Christian Lindner am Rednerpult des Bundestages.", credit="picture alliance",
        paragraphs=[
            "Bundesfinanzminister Christian Lindner hat den Sparkurs der Bundesregierung gegen scharfe Kritik "
            "verteidigt. \"Wer heute neue Schulden macht, belastet die Generation unserer Kinder\", sagte der "
            "FDP-Vorsitzende am Donnerstag im Bundestag.",
            "Unionsfraktionschef Friedrich Merz warf der Ampel-Koalition vor, das Land in die Rezession zu führen. "
            "Die Regierung habe keinen Plan für die Wirtschaft, sagte Merz. Er forderte Bundeskanzler Olaf Scholz "
            "auf, die Vertrauensfrage zu stellen.",
            "## Grüne wollen Reform der Schuldenbremse",
            "Aus den Reihen der Grünen kam Widerspruch zum Finanzminister. Fraktionschefin Katharina Dröge sagte, "
            "ohne Investitionen in Schienen, Schulen und Klimaschutz verliere Deutschland den Anschluss. Die "
            "Schuldenbremse müsse reformiert werden.",
            "Der Bundestag soll den Haushalt für das laufende Jahr am Freitag beschließen. Der Etat sieht Ausgaben "
            "von rund 477 Milliarden Euro vor.",
        ],
    ),
    dict(
        format="html", slug="faeser-verbot-razzia", outlet="Hansezeitung", domain="www.hansezeitung.example",
        section="Politik", kicker="Razzia in sechs Bundesländern", headline="Faeser verbietet rechtsextreme Vereinigung",
        teaser="Hunderte Polizisten durchsuchen am Morgen Wohnungen. Zwei Männer werden festgenommen.",
        published="2024-02-20T09:30:00+01:00", authors=[], agency="dpa, AFP",
        paragraphs=[
            "Bundesinnenministerin Nancy Faeser hat eine rechtsextreme Vereinigung verboten. Polizisten durchsuchten "
            "am Dienstagmorgen Wohnungen von Mitgliedern in sechs Bundesländern, teilte das Bundesinnenministerium "
            "mit.",
            "„Wir gehen mit aller Konsequenz gegen Verfassungsfeinde vor“, sagte Faeser in Berlin. Die Gruppe habe "
            "gezielt junge Menschen angeworben und Gewalt gegen Andersdenkende verherrlicht.",
            "Nach Angaben der Bundesanwaltschaft nahmen Spezialkräfte in Sachsen und Brandenburg zwei Männer fest. "
            "Ihnen werde die Bildung einer kriminellen Vereinigung vorgeworfen. Die Ermittler beschlagnahmten Waffen, "
            "Datenträger und Propagandamaterial.",
            "Der Zentralrat der Juden begrüßte das Verbot. Es sei ein wichtiges Signal, dass der Staat wehrhaft sei, "
            "erklärte Präsident Josef Schuster.",
        ],
    ),
    dict(
        format="html", slug="bauernprotest-berlin", outlet="Spreebote", domain="www.spreebote.example",
        section="Berlin", kicker="Agrardiesel", headline="Tausende Landwirte protestieren vor dem Brandenburger Tor",
        teaser="Mit Traktoren legen Bauern den Verkehr in der Innenstadt lahm. Der Agrarminister zeigt Verständnis.",
        published="2024-01-15T14:20:00+01:00", authors=["Till Marquardt"], agency=None,
        image="traktoren-tor.jpg", caption="Traktoren auf der Straße des 17. Juni.", credit="Spreebote/Till Marquardt",
        paragraphs=[
            "Tausende Landwirtinnen und Landwirte haben am Montag in Berlin gegen die geplanten Kürzungen beim "
            "Agrardiesel protestiert. Nach Angaben der Polizei fuhren mehr als 5000 Traktoren in die Innenstadt.",
            "Bauernpräsident Joachim Rukwied drohte mit weiteren Protesten, sollte die Bundesregierung an ihren "
            "Plänen festhalten. \"Wir lassen uns das nicht gefallen\", rief er den Demonstrierenden zu.",
            "## Özdemir: Kürzungen zu hart",
            "Bundeslandwirtschaftsminister Cem Özdemir sagte, er habe Verständnis für den Ärger. Die Kürzungen "
            "seien in dieser Form zu hart, er setze sich im Kabinett für einen Kompromiss ein.",
            "Finanzminister Christian Lindner wurde bei seiner Rede auf der Kundgebung ausgepfiffen. Er bot den "
            "Bauern Gespräche über den Abbau von Bürokratie an, lehnte eine Rücknahme der Kürzungen aber ab.",
        ],
    ),
    dict(
        format="html", slug="habeck-le-maire-wasserstoff", outlet="Spreebote", domain="www.spreebote.example",
        section="Wirtschaft", kicker="Deutsch-französische Zusammenarbeit",
        headline="Habeck und Le Maire vereinbaren Wasserstoff-Partnerschaft",
        teaser="Berlin und Paris wollen beim Aufbau von Leitungen und Elektrolyseuren enger zusammenarbeiten.",
        published="2024-02-08T12:00:00+01:00", authors=[], agency="AFP",
        paragraphs=[
            "Bundeswirtschaftsminister Robert Habeck und der französische Wirtschaftsminister Bruno Le Maire haben "
            "bei einem Treffen in Paris eine engere Zusammenarbeit beim Wasserstoff vereinbart. Beide Länder wollen "
            "gemeinsam Leitungen und Speicher planen.",
            "„Europa kann es sich nicht leisten, bei den Zukunftstechnologien hinterherzulaufen“, sagte Habeck am "
            "Donnerstag. Le Maire erklärte, Frankreich und Deutschland müssten ihre Industriepolitik besser "
            "abstimmen.",
            "Die Minister forderten die EU-Kommission auf, Genehmigungsverfahren für Energieprojekte zu "
            "beschleunigen. Ein erstes gemeinsames Projekt soll noch in diesem Jahr starten.",
        ],
    ),
    # ---------------------------------------------------------------- pages in the WARC
    dict(
        format="warc", slug="pistorius-ukraine-besuch", outlet="Alpenblick", domain="www.alpenblick.example",
        section="Ausland", kicker="Unangekündigte Reise", headline="Pistorius verspricht Kiew mehr Flugabwehr",
        teaser="Bei seinem Besuch in der Ukraine sagt der Verteidigungsminister weitere Waffen zu.",
        published="2024-02-15T11:02:00+01:00", authors=[], agency="dpa",
        paragraphs=[
            PISTORIUS_BASE[0].replace("eingetroffen", "angekommen"),
            PISTORIUS_BASE[1],
            PISTORIUS_BASE[2],
            "Der Kreml kritisierte die Reise scharf. Kremlsprecher Dmitri Peskow sagte in Moskau, "
            "Waffenlieferungen verlängerten den Krieg nur.",
        ],
    ),
    dict(
        format="warc", slug="eu-gipfel-ukraine-hilfe", outlet="Alpenblick", domain="www.alpenblick.example",
        section="Ausland", kicker="EU-Sondergipfel", headline="EU einigt sich auf 50 Milliarden Euro für die Ukraine",
        teaser="Ungarns Regierungschef gibt seinen Widerstand nach wenigen Stunden auf.",
        published="2024-02-01T13:45:00+01:00", authors=["Lea Hofstätter"], agency=None,
        paragraphs=[
            "Die Staats- und Regierungschefs der Europäischen Union haben sich am Donnerstag in Brüssel auf ein "
            "Hilfspaket von 50 Milliarden Euro für die Ukraine geeinigt. Ungarns Ministerpräsident Viktor Orbán gab "
            "seine Blockade überraschend schnell auf.",
            "„Das ist ein starkes Signal an Kiew und an Moskau“, sagte EU-Kommissionspräsidentin Ursula von der "
            "Leyen. Ratspräsident Charles Michel teilte mit, alle 27 Mitgliedstaaten hätten zugestimmt.",
            "Der ukrainische Präsident Wolodymyr Selenskyj dankte der EU in einer Videobotschaft. Die Hilfe stärke "
            "die wirtschaftliche Stabilität seines Landes, sagte er.",
            "Orbán hatte zuvor damit gedroht, das Paket zu verhindern. Diplomaten zufolge erhielt Budapest die "
            "Zusage, dass die Auszahlung jährlich überprüft wird.",
        ],
    ),
    dict(
        format="warc", slug="stoltenberg-warnung", outlet="Alpenblick", domain="www.alpenblick.example",
        section="Ausland", kicker="Treffen der Verteidigungsminister", headline="Stoltenberg warnt vor russischer Aufrüstung",
        teaser="Die NATO-Staaten sollen ihre Munitionsproduktion deutlich steigern.",
        published=None, authors=[], agency="Reuters",  # no date in the page: the WARC-Date is used
        warc_date="2024-02-15T17:30:00Z",
        paragraphs=[
            "NATO-Generalsekretär Jens Stoltenberg hat die Mitgliedstaaten zu höheren Verteidigungsausgaben "
            "aufgerufen. Russland stelle seine Wirtschaft auf Krieg um und produziere mehr Munition als die "
            "Allianz, sagte er beim Treffen der Verteidigungsminister in Brüssel.",
            "\"Wir dürfen Präsident Putin nicht unterschätzen\", sagte Stoltenberg. Er kündigte an, dass in diesem "
            "Jahr voraussichtlich 18 Verbündete das Ziel erreichen, zwei Prozent ihrer Wirtschaftsleistung für "
            "Verteidigung auszugeben.",
            "Die Minister berieten zudem über weitere Hilfe für die Ukraine. Die NATO werde Kiew beim Aufbau einer "
            "modernen Luftverteidigung unterstützen, hieß es.",
        ],
    ),
    dict(
        format="warc", slug="guterres-appell", outlet="Alpenblick", domain="www.alpenblick.example",
        section="Ausland", kicker="Vereinte Nationen", headline="Guterres fordert Verhandlungen über Gefangenenaustausch",
        teaser="Der UN-Generalsekretär bietet Russland und der Ukraine seine Vermittlung an.",
        published="2024-02-06T20:15:00+01:00", authors=[], agency="epd",
        paragraphs=[
            "UN-Generalsekretär António Guterres hat Russland und die Ukraine zu Gesprächen über einen weiteren "
            "Austausch von Gefangenen aufgefordert. Die Vereinten Nationen stünden als Vermittler bereit, sagte "
            "Guterres am Dienstag in New York.",
            "Selenskyj begrüßte das Angebot. Die Ukraine sei jederzeit bereit, Gefangene auszutauschen, erklärte "
            "sein Büro. Moskau reagierte zunächst nicht.",
            "Das Internationale Komitee vom Roten Kreuz forderte Zugang zu allen Kriegsgefangenen. Nur so lasse "
            "sich überprüfen, ob sie menschenwürdig behandelt würden, teilte die Organisation mit.",
        ],
    ),
    # ---------------------------------------------------------------- RSS feed entries
    dict(
        format="feed", slug="scholz-biden-washington", outlet="Mitteldeutsche Rundschau",
        domain="www.md-rundschau.example", section="Politik",
        headline="Scholz trifft Biden im Weißen Haus",
        teaser="Der Kanzler wirbt in Washington für weitere Hilfe an die Ukraine.",
        published="2024-02-09T22:10:00+01:00", authors=["Friederike Lanz"], agency="dpa",
        paragraphs=[
            "Bundeskanzler Olaf Scholz ist am Freitag in Washington mit US-Präsident Joe Biden zusammengetroffen. "
            "Im Mittelpunkt des Gesprächs im Weißen Haus stand die weitere Unterstützung der Ukraine.",
            "„Ein Ausbleiben der amerikanischen Hilfe wäre ein fatales Signal“, sagte Scholz vor dem Treffen. Biden "
            "sagte, er werde den Kongress weiter drängen, das blockierte Hilfspaket freizugeben.",
            "Der Kanzler betonte, Deutschland sei inzwischen der zweitgrößte Unterstützer der Ukraine. Europa "
            "müsse aber noch mehr tun, sagte er.",
        ],
    ),
    dict(
        format="feed", slug="biden-kongress-ukraine", outlet="Mitteldeutsche Rundschau",
        domain="www.md-rundschau.example", section="Ausland",
        headline="Biden wirft Republikanern Blockade vor",
        teaser="Der US-Präsident fordert das Repräsentantenhaus auf, über die Ukraine-Hilfe abzustimmen.",
        published="2024-02-13T23:50:00+01:00", authors=[], agency="AFP",
        paragraphs=[
            "US-Präsident Joe Biden hat die Republikaner im Repräsentantenhaus scharf kritisiert. Wer die Hilfe für "
            "die Ukraine blockiere, spiele Präsident Wladimir Putin in die Hände, sagte Biden am Dienstag im Weißen "
            "Haus.",
            "\"Die Geschichte schaut zu\", sagte Biden. Der Senat hatte zuvor ein Paket mit Militärhilfen von rund "
            "60 Milliarden Dollar beschlossen.",
            "Der republikanische Vorsitzende des Repräsentantenhauses, Mike Johnson, lehnte eine rasche Abstimmung "
            "ab. Er verlangte zunächst schärfere Maßnahmen an der Grenze zu Mexiko.",
        ],
    ),
    dict(
        format="feed", slug="putin-drohung-westen", outlet="Mitteldeutsche Rundschau",
        domain="www.md-rundschau.example", section="Ausland",
        headline="Putin droht dem Westen mit Konsequenzen",
        teaser="Der Kremlchef warnt vor der Lieferung weitreichender Waffen an die Ukraine.",
        published="2024-02-29T15:30:00+01:00", authors=[], agency="dpa",
        paragraphs=[
            "Der russische Präsident Wladimir Putin hat dem Westen mit Konsequenzen gedroht, sollten NATO-Staaten "
            "Truppen in die Ukraine schicken. Dies würde die Gefahr eines großen Konflikts heraufbeschwören, sagte "
            "Putin am Donnerstag in seiner Rede zur Lage der Nation in Moskau.",
            "Russland verfüge über Waffen, die Ziele auf dem Gebiet westlicher Staaten treffen könnten, sagte er. "
            "Kremlsprecher Peskow erklärte später, die Worte seien eine Antwort auf Äußerungen aus Paris.",
            "Die Bundesregierung wies die Drohungen zurück. Ein Regierungssprecher sagte, Deutschland werde sich "
            "nicht einschüchtern lassen.",
        ],
    ),
    dict(
        format="feed", slug="eu-sanktionspaket", outlet="Mitteldeutsche Rundschau",
        domain="www.md-rundschau.example", section="Ausland",
        headline="EU beschließt neue Sanktionen gegen Russland",
        teaser="Das 13. Paket trifft vor allem Firmen, die Russland beim Umgehen früherer Sanktionen helfen.",
        published="2024-02-23T12:15:00+01:00", authors=[], agency="Reuters",
        paragraphs=[
            "Die Europäische Union hat zum zweiten Jahrestag des russischen Angriffs auf die Ukraine weitere "
            "Sanktionen gegen Russland beschlossen. Das Paket richtet sich gegen fast 200 Unternehmen und Personen, "
            "teilte die belgische Ratspräsidentschaft am Freitag mit.",
            "Betroffen sind auch Firmen in China, Indien und der Türkei, die Russland mit Bauteilen für Drohnen "
            "beliefert haben sollen. Der EU-Außenbeauftragte Josep Borrell sagte, man werde den Druck auf Moskau "
            "weiter erhöhen.",
            "Russland kündigte Gegenmaßnahmen an. Das Außenministerium in Moskau bestellte mehrere EU-Botschafter ein.",
        ],
    ),
    dict(
        format="feed", slug="selenskyj-saluschnyj", outlet="Mitteldeutsche Rundschau",
        domain="www.md-rundschau.example", section="Ausland",
        headline="Selenskyj tauscht Armeechef aus",
        teaser="Nach Monaten der Spannungen muss Walerij Saluschnyj seinen Posten räumen.",
        published="2024-02-08T21:05:00+01:00", authors=[], agency="dpa",
        paragraphs=[
            "Der ukrainische Präsident Wolodymyr Selenskyj hat den Oberbefehlshaber der Armee, Walerij Saluschnyj, "
            "entlassen. Nachfolger werde der bisherige Heereschef Olexandr Syrskyj, teilte Selenskyj am Donnerstag "
            "in Kiew mit.",
            "„Es ist Zeit für eine Erneuerung“, sagte Selenskyj in seiner abendlichen Videoansprache. Er dankte "
            "Saluschnyj für zwei Jahre Verteidigung des Landes.",
            "Zwischen beiden hatte es seit Monaten Spannungen über den Kurs im Krieg gegeben. Saluschnyj hatte "
            "öffentlich von einem festgefahrenen Stellungskrieg gesprochen.",
        ],
    ),
    # ---------------------------------------------------------------- JSONL records
    dict(
        format="jsonl", slug="pistorius-kiew-luftabwehr", outlet="nachrichten24.example",
        domain="www.nachrichten24.example", section="politik",
        headline="Pistorius in Kiew: Deutschland liefert weiteres Patriot-System",
        teaser="Überraschungsbesuch des Verteidigungsministers in der Ukraine.",
        published="2024-02-15 09:47:00", authors=[], agency="dpa",
        paragraphs=[
            "Verteidigungsminister Boris Pistorius ist am Donnerstag zu einem unangekündigten Besuch in Kiew "
            "eingetroffen. Der SPD-Politiker sagte der Ukraine weitere Luftabwehrsysteme und Munition zu.",
            PISTORIUS_BASE[1],
            "Umerow dankte der Bundesregierung und forderte mehr Tempo. Die Ukraine brauche jeden Tag "
            "Abfangraketen, sagte er.",
            PISTORIUS_BASE[4],
        ],
    ),
    dict(
        format="jsonl", slug="demos-gegen-rechts", outlet="nachrichten24.example",
        domain="www.nachrichten24.example", section="politik",
        headline="Hunderttausende demonstrieren gegen Rechtsextremismus",
        teaser="In vielen Städten gehen am Wochenende Menschen auf die Straße.",
        published="2024-01-21 18:30:00", authors=["Carla Weidenfeld"], agency=None,
        paragraphs=[
            "In ganz Deutschland haben am Samstag Hunderttausende Menschen gegen Rechtsextremismus demonstriert. "
            "Allein in München zählte die Polizei mehr als 100.000 Teilnehmende, die Kundgebung musste wegen "
            "Überfüllung vorzeitig beendet werden.",
            "Bundeskanzler Olaf Scholz dankte den Demonstrierenden. \"Das macht Mut und zeigt: Wir Demokratinnen "
            "und Demokraten sind viele\", schrieb er auf der Plattform X.",
            "Auslöser der Proteste waren Berichte über ein Treffen radikaler Rechter in Potsdam. Die Veranstalter "
            "kündigten weitere Demonstrationen für das kommende Wochenende an.",
        ],
    ),
    dict(
        format="jsonl", slug="spion-festnahme-bayern", outlet="suedpresse.example", domain="www.suedpresse.example",
        section="panorama", headline="Mutmaßlicher russischer Spion in Bayern festgenommen",
        teaser="Der Mann soll Anschläge auf militärische Einrichtungen ausgespäht haben.",
        published="2024-03-05T11:20:00+01:00", authors=[], agency="dpa",
        paragraphs=[
            "Die Polizei hat in Bayern einen mutmaßlichen Agenten des russischen Geheimdienstes festgenommen. Der "
            "deutsch-russische Staatsbürger soll mögliche Ziele für Sabotageakte ausgekundschaftet haben, teilte "
            "die Bundesanwaltschaft am Dienstag in Karlsruhe mit.",
            "Unter den Zielen seien auch Einrichtungen der US-Streitkräfte gewesen. Bundesinnenministerin Nancy "
            "Faeser sagte, die Sicherheitsbehörden hätten eine mögliche Gefahr rechtzeitig erkannt.",
            "Außenministerin Annalena Baerbock bestellte den russischen Botschafter ins Auswärtige Amt ein. Man "
            "werde nicht zulassen, dass Putins Regime in Deutschland Anschläge vorbereite, sagte sie.",
        ],
    ),
    dict(
        format="jsonl", slug="nawalny-tod-reaktionen", outlet="suedpresse.example", domain="www.suedpresse.example",
        section="ausland", headline="Entsetzen über den Tod Nawalnys",
        teaser="Westliche Regierungen machen den Kreml verantwortlich.",
        published="2024-02-16T19:55:00+01:00", authors=["Henrik Aumann"], agency="AFP, dpa",
        paragraphs=[
            "Der Tod des russischen Oppositionspolitikers Alexej Nawalny in einem Straflager hat international "
            "Entsetzen ausgelöst. Bundeskanzler Olaf Scholz sagte am Freitag am Rande der Münchner "
            "Sicherheitskonferenz, Nawalny habe seinen Mut mit dem Leben bezahlt.",
            "US-Präsident Joe Biden machte Putin direkt verantwortlich. \"Putin ist verantwortlich für Nawalnys "
            "Tod\", sagte Biden in Washington. Die USA prüften weitere Sanktionen.",
            "Nawalnys Ehefrau Julia Nawalnaja forderte in München, die russische Führung zur Rechenschaft zu ziehen. "
            "Der Kreml wies jede Verantwortung zurück.",
        ],
    ),
    dict(
        format="jsonl", slug="weimarer-dreieck", outlet="suedpresse.example", domain="www.suedpresse.example",
        section="politik", headline="Scholz, Macron und Tusk beschwören Einigkeit",
        teaser="Das Weimarer Dreieck trifft sich nach Monaten des Streits in Berlin.",
        published="2024-03-15T20:10:00+01:00", authors=[], agency="dpa",
        paragraphs=[
            "Bundeskanzler Olaf Scholz, Frankreichs Präsident Emmanuel Macron und Polens Ministerpräsident Donald "
            "Tusk haben sich in Berlin demonstrativ geschlossen gezeigt. Die drei Regierungschefs vereinbarten am "
            "Freitag, gemeinsam mehr Waffen für die Ukraine zu beschaffen.",
            "„Wir stehen zusammen an der Seite der Ukraine“, sagte Scholz nach dem Treffen. Macron sagte, Europa "
            "dürfe nicht zulassen, dass Russland diesen Krieg gewinne.",
            "Tusk kritisierte zugleich die Blockade im US-Kongress. Europa müsse deshalb selbst mehr Verantwortung "
            "übernehmen, forderte er.",
        ],
    ),
    dict(
        format="jsonl", slug="wachstumspaket-streit", outlet="nachrichten24.example",
        domain="www.nachrichten24.example", section="wirtschaft",
        headline="Lindner und Habeck streiten über Wachstumspaket",
        teaser="Der Finanzminister will Unternehmen entlasten, der Wirtschaftsminister ein Sondervermögen.",
        published="2024-02-21 07:15:00", authors=[], agency="Reuters",
        paragraphs=[
            "In der Bundesregierung ist ein Streit über die Ankurbelung der schwachen Wirtschaft entbrannt. "
            "Finanzminister Christian Lindner forderte am Dienstag Steuersenkungen für Unternehmen und einen "
            "Abbau von Bürokratie.",
            "Wirtschaftsminister Robert Habeck schlug dagegen ein schuldenfinanziertes Sondervermögen vor. Die "
            "Wirtschaft brauche jetzt Investitionen und keine Steuergeschenke, sagte der Grünen-Politiker.",
            "Die Bundesregierung hatte ihre Wachstumsprognose für dieses Jahr zuvor auf 0,2 Prozent gesenkt. "
            "Regierungssprecher Steffen Hebestreit sagte, der Kanzler werde mit beiden Ministern sprechen.",
        ],
    ),
    # ---------------------------------------------------------------- text dumps (page-dump shape)
    dict(
        format="text", slug="scholz-bodentruppen", outlet="nachrichten24.example", section="Politik",
        kicker="Nach Gipfel in Paris", headline="Scholz schließt Bodentruppen für die Ukraine aus",
        teaser="Frankreichs Präsident hatte den Einsatz westlicher Soldaten ins Spiel gebracht. Der Kanzler widerspricht "
               "deutlich, auch andere Verbündete gehen auf Distanz.",
        published="27.02.2024, 14:35 Uhr", initials="jki", agency="dpa",
        image="3a9c1f07b2e44d58a61c0e9f7d2b8e11.jpg", caption="Olaf Scholz bei einer Pressekonferenz in Berlin.",
        credit="picture alliance",
        related=["Macron schließt Entsendung von Soldaten nicht aus", "Was der Westen der Ukraine liefert"],
        paragraphs=[
            "Bundeskanzler Olaf Scholz hat einer Entsendung von Bodentruppen in die Ukraine eine klare Absage "
            "erteilt. \"Es wird keine Bodentruppen, keine Soldaten auf ukrainischem Boden geben, die von europäischen "
            "Staaten oder von NATO-Staaten dorthin geschickt werden\", sagte Scholz am Dienstag in Freiburg.",
            "Frankreichs Präsident Emmanuel Macron hatte am Montagabend nach einer Ukraine-Konferenz in Paris gesagt, "
            "man dürfe nichts ausschließen, um einen Sieg Russlands zu verhindern. Ein Konsens über die Entsendung "
            "von Truppen bestehe aber nicht.",
            "## Verbündete gehen auf Distanz",
            "Auch Polen, Tschechien und Großbritannien erklärten, sie planten keinen Einsatz eigener Soldaten. "
            "NATO-Generalsekretär Jens Stoltenberg sagte, es gebe keine Pläne für Kampftruppen des Bündnisses in "
            "der Ukraine.",
            "Der Kreml warnte, ein solcher Schritt würde einen direkten Konflikt zwischen Russland und der NATO "
            "unausweichlich machen. Kremlsprecher Peskow sagte, allein die Diskussion sei ein neues Element.",
        ],
    ),
    dict(
        format="text", slug="taurus-abstimmung", outlet="nachrichten24.example", section="Politik",
        kicker="Streit über Marschflugkörper", headline="Bundestag lehnt Taurus-Antrag der Union ab",
        teaser="Die Opposition scheitert mit ihrer Forderung nach einer Lieferung der Waffe. In der Koalition rumort es "
               "trotzdem weiter.",
        published="14.03.2024, 17:20 Uhr", initials="mbo", agency="AFP",
        paragraphs=[
            "Der Bundestag hat einen Antrag der Unionsfraktion zur Lieferung von Taurus-Marschflugkörpern an die "
            "Ukraine abgelehnt. In namentlicher Abstimmung stimmten am Donnerstag 494 Abgeordnete dagegen, 188 "
            "dafür.",
            "CDU-Chef Friedrich Merz warf dem Kanzler vor, die Ukraine im Stich zu lassen. „Sie verstecken sich "
            "hinter Ausreden“, sagte Merz in der Debatte. Scholz hatte die Lieferung mit der Sorge begründet, "
            "Deutschland könne in den Krieg hineingezogen werden.",
            "## FDP-Politikerin stimmt mit der Opposition",
            "Die Vorsitzende des Verteidigungsausschusses, Marie-Agnes Strack-Zimmermann, stimmte als einzige "
            "Abgeordnete der Koalition für den Antrag. Sie sagte, sie könne die Haltung des Kanzlers nicht "
            "nachvollziehen.",
            "## Kiew enttäuscht",
            "Die ukrainische Regierung reagierte enttäuscht. Außenminister Dmytro Kuleba sagte, jede Verzögerung "
            "koste Menschenleben.",
        ],
    ),
    dict(
        format="text", slug="schweden-nato", outlet="nachrichten24.example", section="Ausland",
        kicker="Ungarn stimmt zu", headline="Schweden wird 32. NATO-Mitglied",
        teaser="Nach fast zwei Jahren Wartezeit ist der Weg frei. Budapest gibt als letzter Verbündeter grünes Licht.",
        published="26.02.2024, 19:05 Uhr", initials="lme", agency="dpa, Reuters",
        image="b7e2d9a04c1f4e3b9a58f6c2e0d17a44.jpg", caption="Die schwedische Flagge vor dem NATO-Hauptquartier.",
        credit="REUTERS",
        related=["Finnland ist NATO-Mitglied"],
        paragraphs=[
            "Das ungarische Parlament hat dem NATO-Beitritt Schwedens zugestimmt. Damit ist der Weg für das 32. "
            "Mitglied der Allianz frei, wie Parlamentspräsident László Kövér am Montag in Budapest mitteilte.",
            "\"Schweden wird das Bündnis stärker und sicherer machen\", sagte NATO-Generalsekretär Jens Stoltenberg. "
            "Der schwedische Ministerpräsident Ulf Kristersson sprach von einem historischen Tag.",
            "Ungarn hatte die Ratifizierung monatelang verzögert. Ministerpräsident Viktor Orbán hatte der "
            "schwedischen Regierung vorgeworfen, Ungarn in der Vergangenheit herablassend behandelt zu haben.",
            "Russland kündigte an, auf die Erweiterung der NATO mit militärischen Maßnahmen an seiner Westgrenze "
            "zu reagieren. Das Außenministerium in Moskau erklärte, die Sicherheit in Nordeuropa werde dadurch "
            "nicht größer.",
        ],
    ),
    dict(
        format="text", slug="klimaaktivisten-festnahme", outlet="nachrichten24.example", section="Panorama",
        kicker="Protest am Flughafen", headline="Polizei nimmt Klimaaktivisten in Frankfurt fest",
        teaser="Aktivisten dringen auf das Flughafengelände vor. Der Flugverkehr wird für mehrere Stunden unterbrochen.",
        published="07.03.2024, 10:50 Uhr", initials="sba", agency="epd, dpa",
        image="9f1e0c2b7d8a4b6c93e5a1d0f4c7b2e8.jpg", caption="Polizisten sichern das Flughafengelände.",
        credit="dpa",
        paragraphs=[
            "Die Polizei hat am Frankfurter Flughafen mehrere Klimaaktivisten festgenommen. Die Demonstrierenden "
            "hatten am frühen Donnerstagmorgen einen Zaun durchtrennt und sich auf einem Rollweg festgeklebt, "
            "teilte die Bundespolizei mit.",
            "Der Flughafenbetreiber stellte den Betrieb für gut zwei Stunden ein, zahlreiche Flüge fielen aus. Ein "
            "Sprecher der Gruppe sagte, man wolle auf die Klimaschäden des Luftverkehrs aufmerksam machen.",
            "Bundesinnenministerin Nancy Faeser forderte härtere Strafen für das Eindringen in Flughäfen. Wer "
            "Menschen gefährde, müsse mit Haftstrafen rechnen, sagte sie.",
        ],
    ),
    dict(
        format="text", slug="baerbock-nahost-reise", outlet="nachrichten24.example", section="Politik",
        kicker="Fünfte Reise seit Kriegsbeginn", headline="Baerbock drängt Israel zu mehr humanitärer Hilfe",
        teaser="Die Außenministerin besucht erneut den Nahen Osten. In Jerusalem findet sie deutliche Worte.",
        published="14.02.2024, 21:15 Uhr", initials="hul", agency="AFP",
        paragraphs=[
            "Außenministerin Annalena Baerbock hat Israel aufgefordert, deutlich mehr Hilfslieferungen in den "
            "Gazastreifen zu lassen. „Die Menschen in Gaza brauchen jetzt Wasser, Nahrung und Medikamente“, sagte "
            "Baerbock am Mittwoch nach einem Treffen mit dem israelischen Außenminister Israel Katz in Jerusalem.",
            "Katz erklärte, Israel lasse bereits Hilfe in das Gebiet. Die Hamas müsse die noch festgehaltenen "
            "Geiseln freilassen, dann könne der Krieg enden.",
            "Baerbock reiste anschließend nach Ramallah weiter, wo sie mit Vertretern der Palästinensischen "
            "Autonomiebehörde sprach. Deutschland werde die humanitäre Hilfe für die palästinensische Bevölkerung "
            "erneut aufstocken, kündigte sie an.",
        ],
    ),
]
