"""Hand-written phrase tables for the matching benchmarks (used by make_eval_set.py and
match_speed.py; not a script of its own).

For each of 48 coworking topics and each language (en, nb, da, sv): two ways to write a
**need** (in the words of someone who has the problem), two ways to write an **offer** (in
the words of someone who sells the service) and a **headline** (their job title). Needs
are written so that they share no word with the offers and headlines of the same topic
in any language where that was natural; make_eval_set.py only pairs a need with an offer
when they share no word, and fails if a labelled link breaks that rule.

Also: lexical distractors (offers that share a word with some need but are no help with
it), "soft" offers nobody needs, interests, company names, first and last names, sites
and bio templates per language.
"""

from __future__ import annotations

from typing import NamedTuple

LANGS = ("en", "nb", "da", "sv")


class Phrases(NamedTuple):
    needs: tuple[str, str]
    offers: tuple[str, str]
    headline: str


def _t(
    en: tuple[tuple[str, str], tuple[str, str], str],
    nb: tuple[tuple[str, str], tuple[str, str], str],
    da: tuple[tuple[str, str], tuple[str, str], str],
    sv: tuple[tuple[str, str], tuple[str, str], str],
) -> dict[str, Phrases]:
    return {lang: Phrases(*row) for lang, row in zip(LANGS, (en, nb, da, sv), strict=True)}


TOPICS: dict[str, dict[str, Phrases]] = {
    "accounting": _t(
        (
            ("someone to keep our books", "help closing the annual accounts"),
            (
                "bookkeeping, year-end closing, VAT returns",
                "outsourced accounting, monthly management reports",
            ),
            "Chartered accountant",
        ),
        (
            ("noen som kan føre regnskapet vårt", "hjelp med årsoppgjøret"),
            (
                "bokføring, årsregnskap og MVA-oppgaver",
                "regnskapsføring, budsjett, månedsrapporter",
            ),
            "Autorisert regnskapsfører",
        ),
        (
            ("nogen der kan holde styr på vores regnskab", "hjælp til årsregnskabet"),
            (
                "bogføring, årsafslutning og momsindberetning",
                "bogholderi, budgetter, månedsrapportering",
            ),
            "Registreret revisor",
        ),
        (
            ("någon som kan sköta vår bokföring", "hjälp med årsbokslutet"),
            (
                "redovisning, bokslut och momsdeklarationer",
                "ekonomitjänster, budget, månadsrapporter",
            ),
            "Auktoriserad redovisningskonsult",
        ),
    ),
    "payroll": _t(
        (
            ("someone to run salaries every month", "help paying our staff correctly"),
            ("payroll administration, pension, holiday pay", "payslips, employer contributions"),
            "Payroll specialist",
        ),
        (
            ("noen som kan kjøre lønn hver måned", "hjelp med utbetaling til de ansatte"),
            ("lønnskjøring, feriepenger, pensjon", "lønnsadministrasjon, A-melding"),
            "Lønnsansvarlig",
        ),
        (
            ("nogen der kan klare lønudbetalingen", "hjælp med at betale medarbejderne"),
            ("lønadministration, feriepenge, pension", "lønsedler, ATP, eIndkomst"),
            "Lønbogholder",
        ),
        (
            ("någon som kan sköta lönerna", "hjälp att betala ut personalens ersättning"),
            (
                "lönehantering, semesterersättning, pension",
                "lönespecifikationer, arbetsgivardeklarationer",
            ),
            "Lönekonsult",
        ),
    ),
    "tax": _t(
        (
            ("advice on what VAT to charge", "someone who understands company taxation"),
            (
                "tax advisory, transfer pricing, tax returns",
                "corporate tax planning, restructuring",
            ),
            "Tax adviser",
        ),
        (
            ("råd om merverdiavgift", "noen som kan forklare skattereglene for aksjeselskap"),
            ("skatterådgivning, internprising, selvangivelse", "skatteplanlegging, omorganisering"),
            "Skatterådgiver",
        ),
        (
            ("rådgivning om moms ved salg til udlandet", "nogen der forstår selskabsskat"),
            (
                "skatterådgivning, transfer pricing, selvangivelse",
                "skatteplanlægning, omstrukturering",
            ),
            "Skatterådgiver",
        ),
        (
            ("råd om moms vid försäljning till utlandet", "någon som kan bolagsskatt"),
            (
                "skatterådgivning, internprissättning, deklarationer",
                "skatteplanering, omstrukturering",
            ),
            "Skatterådgivare",
        ),
    ),
    "contracts": _t(
        (
            ("someone to check an agreement before we sign", "legal help with a customer deal"),
            (
                "commercial contracts, terms of service, negotiation",
                "business law, shareholder agreements",
            ),
            "Commercial lawyer",
        ),
        (
            (
                "noen som kan lese gjennom en avtale før vi signerer",
                "juridisk hjelp med en kundeavtale",
            ),
            ("kontraktsrett, forhandlinger, standardvilkår", "forretningsjus, aksjonæravtaler"),
            "Forretningsadvokat",
        ),
        (
            (
                "nogen der kan gennemlæse en kontrakt inden underskrift",
                "juridisk hjælp til en kundeaftale",
            ),
            (
                "erhvervsjura, forhandling, handelsbetingelser",
                "aktionæroverenskomster, selskabsret",
            ),
            "Erhvervsadvokat",
        ),
        (
            (
                "någon som kan granska ett avtal innan vi skriver på",
                "juridisk hjälp med ett kundavtal",
            ),
            ("affärsjuridik, kommersiella kontrakt, villkor", "aktieägaravtal, bolagsrätt"),
            "Affärsjurist",
        ),
    ),
    "ip": _t(
        (
            ("protect our brand name", "stop others copying our invention"),
            (
                "trademark registration, patent applications",
                "intellectual property strategy, licensing",
            ),
            "Patent attorney",
        ),
        (
            ("beskytte merkenavnet vårt", "hindre at andre kopierer oppfinnelsen vår"),
            ("varemerkeregistrering, patentsøknader", "immaterielle rettigheter, lisensiering"),
            "Patentrådgiver",
        ),
        (
            ("beskytte vores firmanavn", "forhindre at andre kopierer vores opfindelse"),
            ("varemærkeregistrering, patentansøgninger", "immaterielle rettigheder, licensaftaler"),
            "Patentagent",
        ),
        (
            ("skydda vårt varumärke", "hindra att andra kopierar vår uppfinning"),
            ("varumärkesregistrering, patentansökningar", "immateriella rättigheter, licensiering"),
            "Patentombud",
        ),
    ),
    "privacy": _t(
        (
            ("make sure we handle customer information legally", "privacy policy for our app"),
            (
                "GDPR compliance, data processing agreements",
                "outsourced data protection officer, DPIAs",
            ),
            "Data protection consultant",
        ),
        (
            ("sikre at vi behandler kundeopplysninger lovlig", "personvernerklæring til appen vår"),
            ("GDPR-rådgivning, databehandleravtaler", "personvernombud, DPIA"),
            "Personvernrådgiver",
        ),
        (
            ("sikre at vi behandler kundeoplysninger lovligt", "privatlivspolitik til vores app"),
            ("GDPR-rådgivning, databehandleraftaler", "ekstern DPO, konsekvensanalyser"),
            "Databeskyttelsesrådgiver",
        ),
        (
            ("se till att vi hanterar kunduppgifter lagligt", "integritetspolicy till vår app"),
            ("GDPR-konsult, personuppgiftsbiträdesavtal", "dataskyddsombud, konsekvensbedömningar"),
            "Dataskyddsjurist",
        ),
    ),
    "employment_law": _t(
        (
            ("advice on letting an employee go", "help writing employment terms"),
            (
                "labour law, dismissals, staff handbooks",
                "workplace legislation, collective agreements",
            ),
            "Labour law solicitor",
        ),
        (
            ("råd om oppsigelse av en ansatt", "hjelp med arbeidskontrakter"),
            ("arbeidsrett, nedbemanning, personalhåndbok", "arbeidsmiljøloven, tariffavtaler"),
            "Arbeidsrettsadvokat",
        ),
        (
            ("rådgivning om afskedigelse af en medarbejder", "hjælp med ansættelseskontrakter"),
            ("ansættelsesret, opsigelser, personalehåndbog", "arbejdsmiljølov, overenskomster"),
            "Ansættelsesretsadvokat",
        ),
        (
            ("råd om att säga upp en anställd", "hjälp med anställningsavtal"),
            ("arbetsrätt, uppsägningar, personalhandbok", "LAS, kollektivavtal"),
            "Arbetsrättsjurist",
        ),
    ),
    "investment": _t(
        (
            (
                "startup capital for our first year",
                "looking for someone to put money into our company",
            ),
            ("angel investing, seed rounds, board work", "pre-seed funding, investor network"),
            "Business angel",
        ),
        (
            ("kapital til oppstarten", "noen som vil investere i selskapet vårt"),
            (
                "engleinvestor, såkornkapital, styrearbeid",
                "pre-seed-finansiering, investornettverk",
            ),
            "Engleinvestor",
        ),
        (
            ("startkapital til vores virksomhed", "nogen der vil investere i vores firma"),
            (
                "business angel, seed-investeringer, bestyrelsesarbejde",
                "risikovillig kapital, investornetværk",
            ),
            "Investor, business angel",
        ),
        (
            ("startkapital till vårt bolag", "någon som vill investera i vårt företag"),
            ("affärsänglar, såddfinansiering, styrelsearbete", "riskkapital, investerarnätverk"),
            "Affärsängel",
        ),
    ),
    "grants": _t(
        (
            ("public money to develop our new product", "help applying to Horizon Europe"),
            (
                "grant applications, EU funding programmes",
                "research council applications, innovation grants",
            ),
            "Grant writer",
        ),
        (
            ("offentlig støtte til innovasjonsprosjektet", "hjelp med å søke Forskningsrådet"),
            ("søknadsskriving, EU-midler, Innovasjon Norge", "tilskuddssøknader, Horisont Europa"),
            "Tilskuddsrådgiver",
        ),
        (
            (
                "offentlige midler til vores udviklingsprojekt",
                "hjælp med at søge Innovationsfonden",
            ),
            ("fondsansøgninger, EU-programmer, tilskud", "ansøgningsskrivning, støtteordninger"),
            "Fondsrådgiver",
        ),
        (
            (
                "offentlig finansiering av vårt utvecklingsprojekt",
                "hjälp att söka pengar från Vinnova",
            ),
            ("bidragsansökningar, EU-program, Tillväxtverket", "ansökningsskrivning, stödprogram"),
            "Bidragskonsult",
        ),
    ),
    "pitch": _t(
        (
            ("feedback on our investor presentation", "someone to sharpen our business plan"),
            ("pitch coaching, pitch decks", "strategy workshops, financial modelling"),
            "Startup advisor",
        ),
        (
            ("tilbakemelding på investorpresentasjonen", "noen som kan spisse forretningsplanen"),
            ("pitchtrening, pitchdekk", "strategiverksteder, finansiell modellering"),
            "Gründerrådgiver",
        ),
        (
            ("feedback på vores investorpræsentation", "nogen der kan skærpe forretningsplanen"),
            ("pitchtræning, pitch decks", "strategiworkshops, finansielle modeller"),
            "Iværksætterrådgiver",
        ),
        (
            ("återkoppling på vår investerarpresentation", "någon som kan vässa affärsplanen"),
            ("pitchträning, pitchdeck", "strategiworkshoppar, finansiell modellering"),
            "Startupcoach",
        ),
    ),
    "recruiting": _t(
        (
            ("finding two senior developers", "help hiring our first salesperson"),
            (
                "recruitment, headhunting, candidate screening",
                "executive search, tech talent sourcing",
            ),
            "Recruiter",
        ),
        (
            ("finne to erfarne utviklere", "hjelp med å ansette vår første selger"),
            ("rekruttering, headhunting, kandidatvurdering", "lederrekruttering, talentsøk"),
            "Rekrutteringsrådgiver",
        ),
        (
            ("finde to erfarne udviklere", "hjælp til at ansætte vores første sælger"),
            ("rekruttering, headhunting, kandidatscreening", "lederrekruttering, talentsøgning"),
            "Rekrutteringskonsulent",
        ),
        (
            ("hitta två erfarna utvecklare", "hjälp att anställa vår första säljare"),
            ("rekrytering, headhunting, urvalsprocesser", "chefsrekrytering, kompetensförsörjning"),
            "Rekryteringskonsult",
        ),
    ),
    "hr": _t(
        (
            ("routines for welcoming new hires", "someone to set up our staff policies"),
            (
                "HR consulting, onboarding, employee handbooks",
                "people operations, performance reviews",
            ),
            "HR consultant",
        ),
        (
            ("rutiner for å ta imot nyansatte", "noen som kan lage personalpolicy"),
            ("HR-rådgivning, onboarding, medarbeidersamtaler", "personalledelse, arbeidsmiljø"),
            "HR-rådgiver",
        ),
        (
            ("rutiner til at modtage nye medarbejdere", "nogen der kan lave en personalepolitik"),
            (
                "HR-rådgivning, onboarding, medarbejderudviklingssamtaler",
                "personaleledelse, trivselsmålinger",
            ),
            "HR-konsulent",
        ),
        (
            ("rutiner för att ta emot nyanställda", "någon som kan ta fram en personalpolicy"),
            ("HR-stöd, introduktion, medarbetarsamtal", "personalfrågor, arbetsmiljöarbete"),
            "HR-konsult",
        ),
    ),
    "graphic_design": _t(
        (
            ("a fresh logo", "our brand looks dated"),
            ("visual identity, graphic design, style guides", "illustration, packaging design"),
            "Graphic designer",
        ),
        (
            ("ny logo", "merkevaren vår ser gammeldags ut"),
            ("visuell identitet, grafisk design, designmanual", "illustrasjon, emballasjedesign"),
            "Grafisk designer",
        ),
        (
            ("et nyt logo", "vores brand ser forældet ud"),
            ("visuel identitet, grafisk design, designmanual", "illustration, emballagedesign"),
            "Grafisk designer",
        ),
        (
            ("en ny logotyp", "vårt varumärke känns daterat"),
            (
                "visuell identitet, grafisk formgivning, grafisk profil",
                "illustration, förpackningsdesign",
            ),
            "Grafisk formgivare",
        ),
    ),
    "ux": _t(
        (
            ("our website is confusing to use", "a more user-friendly app"),
            (
                "UX design, usability testing, prototyping",
                "interaction design, Figma, design systems",
            ),
            "UX designer",
        ),
        (
            ("nettsiden vår er vanskelig å bruke", "en mer brukervennlig app"),
            ("UX-design, brukertesting, prototyper", "interaksjonsdesign, Figma, designsystemer"),
            "UX-designer",
        ),
        (
            ("vores hjemmeside er svær at bruge", "en mere brugervenlig app"),
            ("UX-design, brugertest, prototyper", "interaktionsdesign, Figma, designsystemer"),
            "UX-designer",
        ),
        (
            ("vår webbplats är svår att använda", "en mer användarvänlig app"),
            ("UX-design, användartester, prototyper", "interaktionsdesign, Figma, designsystem"),
            "UX-designer",
        ),
    ),
    "web": _t(
        (
            ("a new company website", "someone to rebuild our homepage"),
            ("web development, WordPress, Django", "frontend, React, responsive sites"),
            "Web developer",
        ),
        (
            ("ny nettside til bedriften", "noen som kan lage hjemmesiden vår på nytt"),
            ("webutvikling, WordPress, Django", "frontend, React, responsive nettsteder"),
            "Webutvikler",
        ),
        (
            ("ny hjemmeside til firmaet", "nogen der kan bygge vores website om"),
            ("webudvikling, WordPress, Django", "frontend, React, responsive websites"),
            "Webudvikler",
        ),
        (
            ("ny hemsida till företaget", "någon som kan bygga om vår webbplats"),
            ("webbutveckling, WordPress, Django", "frontend, React, responsiva sajter"),
            "Webbutvecklare",
        ),
    ),
    "mobile": _t(
        (
            ("getting our service onto iPhone", "an app our customers can use"),
            ("iOS, Android, Flutter", "mobile development, React Native"),
            "Mobile developer",
        ),
        (
            ("få tjenesten vår ut på mobilen", "noen som kan lage en app til kundene"),
            ("apputvikling, iOS, Android", "Flutter, React Native, mobilutvikling"),
            "Apputvikler",
        ),
        (
            ("få vores tjeneste over på mobilen", "nogen der kan lave en app til kunderne"),
            ("appudvikling, iOS, Android", "Flutter, React Native, mobiludvikling"),
            "Appudvikler",
        ),
        (
            ("få ut vår tjänst i mobilen", "någon som kan bygga en app åt kunderna"),
            ("apputveckling, iOS, Android", "Flutter, React Native, mobilutveckling"),
            "Apputvecklare",
        ),
    ),
    "cloud": _t(
        (
            ("our servers keep crashing", "moving our systems off old hardware"),
            ("cloud infrastructure, AWS, Kubernetes", "DevOps, CI/CD, monitoring"),
            "Cloud engineer",
        ),
        (
            ("serverne våre går ned hele tiden", "flytte systemene bort fra gammel maskinvare"),
            ("skyinfrastruktur, AWS, Kubernetes", "DevOps, CI/CD, overvåking"),
            "Skyarkitekt",
        ),
        (
            ("vores servere går hele tiden ned", "flytte systemerne væk fra gammelt udstyr"),
            ("cloud-infrastruktur, AWS, Kubernetes", "DevOps, CI/CD, overvågning"),
            "Cloud-ingeniør",
        ),
        (
            ("våra servrar kraschar hela tiden", "flytta systemen från gammal hårdvara"),
            ("molninfrastruktur, AWS, Kubernetes", "DevOps, CI/CD, övervakning"),
            "Molnarkitekt",
        ),
    ),
    "data_science": _t(
        (
            ("analysing our sales data", "predicting demand automatically"),
            ("machine learning, data science, Python", "AI models, forecasting, analytics"),
            "Data scientist",
        ),
        (
            ("analysere salgsdataene våre", "forutsi etterspørselen automatisk"),
            ("maskinlæring, dataanalyse, Python", "KI-modeller, prognoser, statistikk"),
            "Dataforsker",
        ),
        (
            ("analysere vores salgsdata", "forudsige efterspørgslen automatisk"),
            ("maskinlæring, dataanalyse, Python", "AI-modeller, prognoser, statistik"),
            "Data scientist",
        ),
        (
            ("analysera vår försäljningsdata", "förutse efterfrågan automatiskt"),
            ("maskininlärning, dataanalys, Python", "AI-modeller, prognoser, statistik"),
            "Dataanalytiker",
        ),
    ),
    "security": _t(
        (
            ("we were hacked last month", "checking whether our systems are safe"),
            (
                "penetration testing, security audits, ISO 27001",
                "incident response, security awareness training",
            ),
            "Security consultant",
        ),
        (
            ("vi ble hacket forrige måned", "sjekke om systemene våre er trygge"),
            (
                "penetrasjonstesting, sikkerhetsrevisjon, ISO 27001",
                "hendelseshåndtering, sikkerhetsopplæring",
            ),
            "Sikkerhetsrådgiver",
        ),
        (
            ("vi blev hacket sidste måned", "tjekke om vores systemer er sikre"),
            (
                "penetrationstest, sikkerhedsaudit, ISO 27001",
                "hændelseshåndtering, awareness-træning",
            ),
            "IT-sikkerhedskonsulent",
        ),
        (
            ("vi blev hackade förra månaden", "kontrollera att våra system är säkra"),
            (
                "penetrationstester, säkerhetsgranskning, ISO 27001",
                "incidenthantering, säkerhetsutbildning",
            ),
            "IT-säkerhetskonsult",
        ),
    ),
    "seo": _t(
        (
            ("more visitors from Google", "better ranking in search results"),
            (
                "search engine optimisation, keyword research",
                "SEO audits, technical SEO, link building",
            ),
            "SEO specialist",
        ),
        (
            ("flere besøkende fra Google", "bedre plassering i søkeresultatene"),
            ("søkemotoroptimalisering, søkeordsanalyse", "SEO-revisjon, teknisk SEO, lenkebygging"),
            "SEO-rådgiver",
        ),
        (
            ("flere besøgende fra Google", "bedre placering i søgeresultaterne"),
            ("søgemaskineoptimering, søgeordsanalyse", "SEO-audit, teknisk SEO, linkbuilding"),
            "SEO-konsulent",
        ),
        (
            ("fler besökare från Google", "bättre placering i sökresultaten"),
            ("sökmotoroptimering, sökordsanalys", "SEO-granskning, teknisk SEO, länkbygge"),
            "SEO-specialist",
        ),
    ),
    "social_media": _t(
        (
            ("growing our Instagram following", "someone to post regularly for us"),
            (
                "social media management, content calendars",
                "paid social, TikTok, LinkedIn campaigns",
            ),
            "Social media manager",
        ),
        (
            ("flere følgere på Instagram", "noen som kan poste jevnlig for oss"),
            ("sosiale medier, innholdskalender", "annonsering, TikTok, LinkedIn-kampanjer"),
            "SoMe-rådgiver",
        ),
        (
            ("vokse på Instagram", "nogen der kan lave faste opslag for os"),
            ("sociale medier, indholdskalender", "annoncering, TikTok, LinkedIn-kampagner"),
            "SoMe-konsulent",
        ),
        (
            ("fler följare på Instagram", "någon som kan publicera inlägg regelbundet åt oss"),
            ("sociala medier, innehållskalender", "annonsering, TikTok, LinkedIn-kampanjer"),
            "Sociala medier-strateg",
        ),
    ),
    "copywriting": _t(
        (
            ("better words on our website", "someone to write our newsletter"),
            ("copywriting, tone of voice, blog posts", "content strategy, editorial texts"),
            "Copywriter",
        ),
        (
            ("bedre tekster på nettsiden", "noen som kan skrive nyhetsbrevet vårt"),
            (
                "tekstforfatting, tone of voice, bloggartikler",
                "innholdsstrategi, redaksjonelt innhold",
            ),
            "Tekstforfatter",
        ),
        (
            ("bedre tekster på hjemmesiden", "nogen der kan skrive vores nyhedsbrev"),
            (
                "tekstforfatning, tone of voice, blogindlæg",
                "indholdsstrategi, redaktionelt indhold",
            ),
            "Tekstforfatter",
        ),
        (
            ("bättre texter på webbplatsen", "någon som kan skriva vårt nyhetsbrev"),
            ("copywriting, tonalitet, blogginlägg", "innehållsstrategi, redaktionellt innehåll"),
            "Copywriter",
        ),
    ),
    "pr": _t(
        (
            ("getting journalists interested in our launch", "coverage in the newspapers"),
            (
                "press relations, media training, press releases",
                "PR strategy, crisis communication",
            ),
            "PR consultant",
        ),
        (
            ("få journalister interessert i lanseringen", "omtale i avisene"),
            (
                "pressekontakt, mediatrening, pressemeldinger",
                "PR-strategi, kriseberedskap, kommunikasjon",
            ),
            "Kommunikasjonsrådgiver",
        ),
        (
            ("få journalister interesseret i lanceringen", "omtale i aviserne"),
            ("pressearbejde, medietræning, pressemeddelelser", "PR-strategi, krisekommunikation"),
            "Kommunikationskonsulent",
        ),
        (
            ("få journalister intresserade av lanseringen", "synas i tidningarna"),
            ("presskontakter, medieträning, pressmeddelanden", "PR-strategi, kriskommunikation"),
            "PR-konsult",
        ),
    ),
    "translation": _t(
        (
            ("our brochure in three Nordic languages", "a German version of our manual"),
            ("translation, localisation, interpreting", "certified translator Norwegian-English"),
            "Translator",
        ),
        (
            ("brosjyren vår på svensk, dansk", "en tysk versjon av brukerveiledningen"),
            ("oversettelse, lokalisering, tolking", "statsautorisert translatør engelsk-norsk"),
            "Oversetter",
        ),
        (
            ("vores brochure på norsk, svensk", "en tysk udgave af manualen"),
            ("oversættelse, lokalisering, tolkning", "translatør engelsk-dansk"),
            "Translatør",
        ),
        (
            ("vår broschyr på norska, danska", "en tysk version av manualen"),
            ("översättning, lokalisering, tolkning", "auktoriserad translator svenska-engelska"),
            "Översättare",
        ),
    ),
    "ecommerce": _t(
        (
            ("selling our products online", "taking card payments on the internet"),
            ("e-commerce, Shopify, WooCommerce", "webshop setup, payment integration, Klarna"),
            "E-commerce consultant",
        ),
        (
            ("selge produktene våre på nett", "ta betalt med kort på internett"),
            ("netthandel, Shopify, WooCommerce", "nettbutikk, betalingsløsninger, Vipps"),
            "Netthandelsrådgiver",
        ),
        (
            ("sælge vores produkter online", "tage imod kortbetaling på internettet"),
            ("e-handel, Shopify, WooCommerce", "webshop, betalingsløsninger, MobilePay"),
            "E-handelskonsulent",
        ),
        (
            ("sälja våra produkter på nätet", "ta betalt med kort på internet"),
            ("e-handel, Shopify, WooCommerce", "webbutik, betallösningar, Klarna, Swish"),
            "E-handelskonsult",
        ),
    ),
    "solar": _t(
        (
            ("producing our own electricity on the roof", "lower power bills"),
            ("solar PV installation, battery storage", "photovoltaics, energy yield analysis"),
            "Solar engineer",
        ),
        (
            ("produsere egen strøm på taket", "lavere strømregning"),
            ("solcelleanlegg, batterilagring", "solenergi, produksjonsberegninger"),
            "Solenergirådgiver",
        ),
        (
            ("producere vores egen strøm på taget", "lavere elregning"),
            ("solcelleanlæg, batterilagring", "solenergi, ydelsesberegninger"),
            "Solcelleinstallatør",
        ),
        (
            ("producera egen el på taket", "lägre elräkning"),
            ("solcellsanläggningar, batterilager", "solenergi, produktionskalkyler"),
            "Solenergiingenjör",
        ),
    ),
    "energy_efficiency": _t(
        (
            ("high heating costs in our old premises", "making the office use less power"),
            ("energy retrofits, heat pumps, insulation", "building energy audits, thermal imaging"),
            "Energy consultant",
        ),
        (
            (
                "høye oppvarmingskostnader i det gamle lokalet",
                "få kontoret til å bruke mindre strøm",
            ),
            (
                "energieffektivisering, varmepumper, etterisolering",
                "energikartlegging, termografering",
            ),
            "Energirådgiver",
        ),
        (
            ("høje varmeudgifter i de gamle lokaler", "få kontoret til at bruge mindre strøm"),
            ("energirenovering, varmepumper, efterisolering", "energimærkning, termografi"),
            "Energikonsulent",
        ),
        (
            ("höga uppvärmningskostnader i de gamla lokalerna", "få kontoret att dra mindre el"),
            (
                "energieffektivisering, värmepumpar, tilläggsisolering",
                "energikartläggning, termografering",
            ),
            "Energikonsult",
        ),
    ),
    "ev_charging": _t(
        (
            (
                "somewhere to charge our electric vans",
                "switching the company cars to battery power",
            ),
            (
                "EV charging stations, fleet electrification",
                "charging infrastructure, load balancing",
            ),
            "E-mobility consultant",
        ),
        (
            ("lade elvarebilene våre", "bytte firmabilene til elbil"),
            ("ladeinfrastruktur, ladestasjoner, flåteelektrifisering", "laststyring, ladeanlegg"),
            "Elbilrådgiver",
        ),
        (
            ("oplade vores elvarebiler", "skifte firmabilerne til elbiler"),
            (
                "ladeinfrastruktur, ladestandere, elektrificering af flåden",
                "lastbalancering, ladeløsninger",
            ),
            "Elbilkonsulent",
        ),
        (
            ("ladda våra elbilar", "byta tjänstebilarna mot eldrivna"),
            (
                "laddinfrastruktur, laddstolpar, elektrifiering av fordonsflottan",
                "lastbalansering, laddlösningar",
            ),
            "Elbilsrådgivare",
        ),
    ),
    "cargo_bikes": _t(
        (
            ("greener deliveries in the city centre", "getting parcels to customers without vans"),
            ("cargo bike logistics, last-mile delivery", "bicycle courier services, micro-hubs"),
            "Cargo bike entrepreneur",
        ),
        (
            ("grønnere varelevering i sentrum", "få pakker ut til kundene uten varebil"),
            ("lastesykkel-logistikk, sistemilslevering", "sykkelbud, mikroterminaler"),
            "Sykkelbud-gründer",
        ),
        (
            ("grønnere vareudbringning i centrum", "få pakker ud til kunderne uden varebil"),
            ("ladcykellogistik, last mile-levering", "cykelbud, mikrohubs"),
            "Cykelbudsiværksætter",
        ),
        (
            ("grönare leveranser i stadskärnan", "få ut paket till kunderna utan skåpbil"),
            ("lastcykellogistik, sista milen", "cykelbud, mikroterminaler"),
            "Cykellogistiker",
        ),
    ),
    "mobility": _t(
        (
            (
                "understanding how employees commute",
                "fewer parked cars around the new housing project",
            ),
            (
                "mobility planning, traffic analysis, car sharing",
                "transport modelling, travel surveys",
            ),
            "Transport planner",
        ),
        (
            (
                "forstå hvordan de ansatte reiser til jobb",
                "færre parkerte biler rundt boligprosjektet",
            ),
            (
                "mobilitetsplanlegging, trafikkanalyse, bildeling",
                "transportmodellering, reisevaneundersøkelser",
            ),
            "Samferdselsplanlegger",
        ),
        (
            (
                "forstå hvordan medarbejderne kommer på arbejde",
                "færre parkerede biler omkring boligprojektet",
            ),
            (
                "mobilitetsplanlægning, trafikanalyse, delebiler",
                "transportmodeller, transportvaneundersøgelser",
            ),
            "Trafikplanlægger",
        ),
        (
            (
                "förstå hur de anställda tar sig till jobbet",
                "färre parkerade bilar kring bostadsprojektet",
            ),
            (
                "mobilitetsplanering, trafikanalys, bilpooler",
                "transportmodellering, resvaneundersökningar",
            ),
            "Trafikplanerare",
        ),
    ),
    "architecture": _t(
        (
            ("plans for extending our house", "someone to draw our new workshop"),
            (
                "architectural design, building permits, renovation",
                "timber architecture, sketch proposals",
            ),
            "Architect",
        ),
        (
            ("tegninger til påbygg på huset", "noen som kan tegne det nye verkstedet vårt"),
            ("arkitektur, byggesøknader, rehabilitering", "trearkitektur, skisseprosjekt"),
            "Arkitekt MNAL",
        ),
        (
            ("tegninger til en tilbygning", "nogen der kan tegne vores nye værksted"),
            ("arkitektur, byggetilladelser, renovering", "træarkitektur, skitseforslag"),
            "Arkitekt MAA",
        ),
        (
            ("ritningar till en tillbyggnad", "någon som kan rita vår nya verkstad"),
            ("arkitektur, bygglov, ombyggnad", "träarkitektur, skissförslag"),
            "Arkitekt SAR/MSA",
        ),
    ),
    "interior": _t(
        (
            ("making our office nicer to be in", "choosing furniture for the new meeting room"),
            ("interior design, space planning, acoustics", "workplace design, furnishing"),
            "Interior architect",
        ),
        (
            ("gjøre kontoret trivelig", "velge møbler til det nye møterommet"),
            ("interiørarkitektur, romplanlegging, akustikk", "arbeidsplassdesign, innredning"),
            "Interiørarkitekt",
        ),
        (
            ("gøre kontoret hyggeligere", "vælge møbler til det nye mødelokale"),
            ("indretningsarkitektur, rumplanlægning, akustik", "arbejdspladsdesign, møblering"),
            "Indretningsarkitekt",
        ),
        (
            ("göra kontoret trivsammare", "välja möbler till det nya mötesrummet"),
            ("inredningsarkitektur, rumsplanering, akustik", "arbetsplatsdesign, möblering"),
            "Inredningsarkitekt",
        ),
    ),
    "urban_planning": _t(
        (
            (
                "input on a zoning proposal for our district",
                "involving residents in a neighbourhood plan",
            ),
            ("urban planning, master plans, public participation", "placemaking, urban design"),
            "Urban planner",
        ),
        (
            ("innspill til en reguleringsplan i bydelen", "involvere naboene i et områdeløft"),
            ("byplanlegging, medvirkning, stedsutvikling", "byforming, mulighetsstudier"),
            "Byplanlegger",
        ),
        (
            ("input til en lokalplan i bydelen", "inddrage naboerne i en områdefornyelse"),
            ("byplanlægning, borgerinddragelse, stedudvikling", "byrumsdesign, helhedsplaner"),
            "Byplanlægger",
        ),
        (
            (
                "synpunkter på en detaljplan i stadsdelen",
                "involvera grannarna i en områdesutveckling",
            ),
            ("stadsplanering, medborgardialog, platsutveckling", "stadsbyggnad, översiktsplaner"),
            "Stadsplanerare",
        ),
    ),
    "procurement": _t(
        (
            ("selling to municipalities", "winning contracts with the state"),
            (
                "procurement advice, tender writing, bid management",
                "framework agreements, qualification documents",
            ),
            "Bid manager",
        ),
        (
            ("selge til kommunene", "vinne oppdrag fra staten"),
            (
                "offentlige anskaffelser, anbudsskriving, tilbudsarbeid",
                "rammeavtaler, kvalifikasjonskrav",
            ),
            "Anbudsrådgiver",
        ),
        (
            ("sælge til kommunerne", "vinde opgaver hos staten"),
            ("offentlige udbud, tilbudsskrivning, udbudsret", "rammeaftaler, egnethedskrav"),
            "Udbudskonsulent",
        ),
        (
            ("sälja till kommuner", "vinna uppdrag från staten"),
            ("offentlig upphandling, anbudsskrivning, LOU", "ramavtal, kvalificeringskrav"),
            "Upphandlingskonsult",
        ),
    ),
    "research": _t(
        (
            ("a university partner for our project", "scientific evidence that our product works"),
            (
                "research collaboration, PhD supervision, applied studies",
                "academic partnerships, evaluation studies",
            ),
            "Associate professor",
        ),
        (
            ("en partner ved et universitet", "dokumentasjon på at produktet virker"),
            (
                "forskningssamarbeid, følgeforskning, doktorgradsveiledning",
                "akademiske partnerskap, effektevaluering",
            ),
            "Førsteamanuensis",
        ),
        (
            ("en partner på et universitet", "dokumentation for at produktet virker"),
            (
                "forskningssamarbejde, ph.d.-vejledning, anvendt forskning",
                "akademiske partnerskaber, effektmåling",
            ),
            "Lektor",
        ),
        (
            ("en partner på ett universitet", "belägg för att vår produkt fungerar"),
            (
                "forskningssamverkan, doktorandhandledning, tillämpad forskning",
                "akademiska partnerskap, effektutvärdering",
            ),
            "Universitetslektor",
        ),
    ),
    "user_research": _t(
        (
            (
                "finding out what our customers really think",
                "talking to potential users before we build",
            ),
            ("user interviews, surveys, customer insight", "market research, focus groups"),
            "Market researcher",
        ),
        (
            ("finne ut hva kundene egentlig mener", "snakke med mulige brukere før vi bygger"),
            ("brukerintervjuer, spørreundersøkelser, kundeinnsikt", "markedsanalyse, fokusgrupper"),
            "Innsiktsrådgiver",
        ),
        (
            ("finde ud af hvad kunderne egentlig mener", "tale med mulige brugere før vi bygger"),
            (
                "brugerinterviews, spørgeskemaundersøgelser, kundeindsigt",
                "markedsanalyse, fokusgrupper",
            ),
            "Analysekonsulent",
        ),
        (
            (
                "ta reda på vad kunderna egentligen tycker",
                "prata med tänkbara användare innan vi bygger",
            ),
            ("användarintervjuer, enkäter, kundinsikter", "marknadsundersökningar, fokusgrupper"),
            "Marknadsanalytiker",
        ),
    ),
    "photo": _t(
        (
            ("new pictures of our team", "good images of our products for the webshop"),
            (
                "portrait photography, product photos, headshots",
                "commercial photographer, image editing",
            ),
            "Photographer",
        ),
        (
            ("nye bilder av teamet", "gode produktbilder til nettbutikken"),
            (
                "portrettfotografering, produktfoto, profilbilder",
                "reklamefotograf, bildebehandling",
            ),
            "Fotograf",
        ),
        (
            ("nye billeder af holdet", "gode produktbilleder til webshoppen"),
            (
                "portrætfotografering, produktfoto, profilbilleder",
                "reklamefotograf, billedbehandling",
            ),
            "Fotograf",
        ),
        (
            ("nya bilder på teamet", "bra produktbilder till webbutiken"),
            ("porträttfotografering, produktfoto, profilbilder", "reklamfotograf, bildredigering"),
            "Fotograf",
        ),
    ),
    "video": _t(
        (
            ("a short film about what we do", "moving pictures for our campaign"),
            ("video production, editing, animation", "corporate videos, drone footage"),
            "Filmmaker",
        ),
        (
            ("en kort film om hva vi gjør", "levende bilder til kampanjen"),
            ("videoproduksjon, klipping, animasjon", "bedriftsvideo, dronefilming"),
            "Videoprodusent",
        ),
        (
            ("en kort film om hvad vi laver", "levende billeder til kampagnen"),
            ("videoproduktion, redigering, animation", "virksomhedsvideoer, droneoptagelser"),
            "Videoproducer",
        ),
        (
            ("en kort film om vad vi gör", "rörliga bilder till kampanjen"),
            ("videoproduktion, klippning, animation", "företagsfilmer, drönarfilmning"),
            "Filmproducent",
        ),
    ),
    "audio": _t(
        (
            ("starting our own show people can listen to", "better sound on our recordings"),
            ("podcast production, audio editing, mixing", "voice-over, jingles"),
            "Audio producer",
        ),
        (
            ("starte vår egen podkast", "bedre lyd på opptakene"),
            ("podcastproduksjon, lydredigering, miksing", "voiceover, jingler"),
            "Lydprodusent",
        ),
        (
            ("starte vores egen podcast", "bedre lyd på optagelserne"),
            ("podcastproduktion, lydredigering, mixning", "speak, jingles"),
            "Lydproducer",
        ),
        (
            ("starta en egen podd", "bättre ljud på inspelningarna"),
            ("poddproduktion, ljudredigering, mixning", "speakerröst, jinglar"),
            "Ljudtekniker",
        ),
    ),
    "events": _t(
        (
            ("organising our 10-year anniversary", "someone to run a conference for 200 guests"),
            ("event planning, venues, speaker booking", "seminars, hybrid events, ticketing"),
            "Event manager",
        ),
        (
            ("arrangere jubileet vårt", "noen som kan holde en konferanse for 200 gjester"),
            (
                "arrangementsplanlegging, lokaler, foredragsholdere",
                "seminarer, hybride arrangementer, billettsalg",
            ),
            "Eventprodusent",
        ),
        (
            ("arrangere vores jubilæum", "nogen der kan afholde en konference for 200 gæster"),
            (
                "eventplanlægning, lokaler, foredragsholdere",
                "seminarer, hybride arrangementer, billetsalg",
            ),
            "Eventkoordinator",
        ),
        (
            ("ordna vårt jubileum", "någon som kan hålla i en konferens för 200 gäster"),
            (
                "eventplanering, lokaler, talarbokning",
                "seminarier, hybridevenemang, biljettförsäljning",
            ),
            "Eventplanerare",
        ),
    ),
    "catering": _t(
        (
            ("lunch for our board meeting", "food for a party of 80"),
            ("catering, buffets, canapés", "plant-based menus, breakfast meetings"),
            "Caterer",
        ),
        (
            ("mat til styremøtet", "noe godt å spise til festen"),
            ("catering, koldtbord, tapas", "plantebaserte menyer, frokostmøter"),
            "Cateringkokk",
        ),
        (
            ("mad til bestyrelsesmødet", "noget godt at spise til festen"),
            ("catering, buffet, tapas", "plantebaserede menuer, morgenmadsmøder"),
            "Kok, catering",
        ),
        (
            ("mat till styrelsemötet", "något gott att äta på festen"),
            ("catering, bufféer, tapas", "växtbaserade menyer, frukostmöten"),
            "Kock, catering",
        ),
    ),
    "sales": _t(
        (
            ("more meetings with potential buyers", "someone to help us win new customers"),
            (
                "B2B sales, lead generation, cold calling",
                "sales training, CRM setup, key account management",
            ),
            "Sales consultant",
        ),
        (
            ("flere møter med aktuelle kunder", "hjelp til å skaffe nye kunder"),
            ("B2B-salg, leadsgenerering, telefonsalg", "salgstrening, CRM, nøkkelkundehåndtering"),
            "Salgsrådgiver",
        ),
        (
            ("flere møder med relevante kunder", "hjælp til at skaffe nye kunder"),
            ("B2B-salg, leadgenerering, telefonsalg", "salgstræning, CRM, key account management"),
            "Salgskonsulent",
        ),
        (
            ("fler möten med tänkbara kunder", "hjälp att hitta nya kunder"),
            (
                "B2B-försäljning, leadsgenerering, telefonförsäljning",
                "säljträning, CRM, kundansvar",
            ),
            "Säljkonsult",
        ),
    ),
    "export": _t(
        (
            ("launching our product in Germany", "finding distributors in other countries"),
            (
                "export strategy, market entry, internationalisation",
                "international distribution partners, trade fairs",
            ),
            "Export adviser",
        ),
        (
            ("lansere produktet i Tyskland", "finne forhandlere i andre land"),
            (
                "eksportstrategi, markedsinngang, internasjonalisering",
                "distribusjonspartnere, messer",
            ),
            "Eksportrådgiver",
        ),
        (
            ("lancere produktet i Tyskland", "finde forhandlere i andre lande"),
            (
                "eksportstrategi, markedsadgang, internationalisering",
                "distributionspartnere, messer",
            ),
            "Eksportkonsulent",
        ),
        (
            ("lansera produkten i Tyskland", "hitta återförsäljare i andra länder"),
            (
                "exportstrategi, marknadsetablering, internationalisering",
                "distributionspartner, mässor",
            ),
            "Exportrådgivare",
        ),
    ),
    "esg": _t(
        (
            ("measuring our carbon footprint", "what the new EU reporting rules mean for us"),
            (
                "ESG, CSRD, greenhouse gas inventories",
                "sustainability strategy, life cycle assessment",
            ),
            "Sustainability consultant",
        ),
        (
            ("måle klimaavtrykket vårt", "hva de nye EU-reglene om rapportering betyr for oss"),
            ("ESG, CSRD, klimaregnskap", "bærekraftstrategi, livsløpsanalyse"),
            "Bærekraftsrådgiver",
        ),
        (
            ("måle vores klimaaftryk", "hvad de nye EU-regler om rapportering betyder for os"),
            ("ESG, CSRD, klimaregnskab", "bæredygtighedsstrategi, livscyklusvurdering"),
            "Bæredygtighedskonsulent",
        ),
        (
            ("mäta vårt klimatavtryck", "vad de nya EU-reglerna om rapportering innebär för oss"),
            ("ESG, CSRD, klimatbokslut", "hållbarhetsstrategi, livscykelanalys"),
            "Hållbarhetskonsult",
        ),
    ),
    "circular": _t(
        (
            ("what to do with our production waste", "using old materials in new products"),
            ("circular business models, reuse, recycling", "material flow analysis, upcycling"),
            "Circular economy consultant",
        ),
        (
            ("hva vi skal gjøre med produksjonsavfallet", "bruke gamle materialer i nye produkter"),
            (
                "sirkulære forretningsmodeller, ombruk, gjenvinning",
                "materialstrømanalyse, oppsirkulering",
            ),
            "Rådgiver, sirkulærøkonomi",
        ),
        (
            (
                "hvad vi skal stille op med produktionsaffaldet",
                "bruge gamle materialer i nye produkter",
            ),
            (
                "cirkulære forretningsmodeller, genbrug, genanvendelse",
                "materialestrømsanalyse, upcycling",
            ),
            "Cirkulær økonomi-konsulent",
        ),
        (
            ("vad vi ska göra med produktionsspillet", "använda gamla material i nya produkter"),
            ("cirkulära affärsmodeller, återbruk, återvinning", "materialflödesanalys, uppcykling"),
            "Cirkularitetskonsult",
        ),
    ),
    "coaching": _t(
        (
            ("support as a new manager", "someone to talk to about running a team"),
            (
                "leadership coaching, mentoring, 1:1 sessions",
                "executive coaching, group development",
            ),
            "Executive coach",
        ),
        (
            ("støtte som ny leder", "noen å snakke med om det å lede et team"),
            ("lederutvikling, coaching, mentorordning", "ledercoaching, teamutvikling"),
            "Sertifisert coach",
        ),
        (
            ("sparring som ny leder", "nogen at tale med om at lede et team"),
            ("lederudvikling, coaching, mentorforløb", "executive coaching, teamudvikling"),
            "Erhvervscoach",
        ),
        (
            ("stöd som ny chef", "någon att prata med om att leda ett team"),
            ("ledarutveckling, coachning, mentorskap", "chefscoachning, teamutveckling"),
            "Ledarskapscoach",
        ),
    ),
    "it_support": _t(
        (
            ("someone to sort out our laptops, printers", "the office network keeps dropping"),
            ("IT support, device management, Microsoft 365", "Wi-Fi, backups, helpdesk"),
            "IT technician",
        ),
        (
            ("noen som kan fikse PC-ene, skriverne våre", "nettverket på kontoret faller ut"),
            ("IT-drift, brukerstøtte, Microsoft 365", "wifi, sikkerhetskopiering, helpdesk"),
            "IT-konsulent",
        ),
        (
            ("nogen der kan ordne vores bærbare, printere", "netværket på kontoret falder ud"),
            ("IT-drift, brugersupport, Microsoft 365", "wifi, backup, helpdesk"),
            "IT-supporter",
        ),
        (
            ("någon som kan fixa våra datorer, skrivare", "nätverket på kontoret hänger sig"),
            ("IT-drift, användarsupport, Microsoft 365", "wifi, säkerhetskopiering, helpdesk"),
            "IT-tekniker",
        ),
    ),
    "prototyping": _t(
        (
            ("a physical model of our product idea", "someone who can produce a few hundred parts"),
            (
                "3D printing, rapid prototyping, CAD",
                "electronics design, PCB, small-series manufacturing",
            ),
            "Product developer",
        ),
        (
            ("en fysisk modell av produktideen", "noen som kan lage noen hundre deler"),
            ("3D-printing, prototyping, CAD", "elektronikkdesign, kretskort, småserieproduksjon"),
            "Produktutvikler",
        ),
        (
            (
                "en fysisk model af vores produktidé",
                "nogen der kan fremstille et par hundrede dele",
            ),
            ("3D-print, prototyper, CAD", "elektronikdesign, printplader, småserieproduktion"),
            "Produktudvikler",
        ),
        (
            ("en fysisk modell av produktidén", "någon som kan tillverka några hundra delar"),
            (
                "3D-utskrift, prototypframtagning, CAD",
                "elektronikkonstruktion, kretskort, serieproduktion",
            ),
            "Produktutvecklare",
        ),
    ),
}

# Offers that share a word with some need but do not meet it (headline, offers), per language.
LEXICAL_DISTRACTORS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "en": (
        ("Antiquarian bookseller", ("rare books, first editions",)),
        ("Running coach", ("marathon running plans, running technique",)),
        ("Pub quiz host", ("quiz nights, team games",)),
        ("Guitar teacher", ("electric guitar lessons, amplifier repairs",)),
        ("Roof gardener", ("roof gardens, green roofs",)),
        ("Florist", ("flowers for the office, plant care",)),
    ),
    "nb": (
        ("Låtskriver", ("tekster og melodier til bryllup",)),
        ("Taktekker", ("legge nytt tak, tette lekkasjer på taket",)),
        ("Fotomodell", ("modell til moteshow, catwalk",)),
        ("Filmklubbleder", ("film på fredager, klassikere på lerret",)),
        ("Bilmekaniker", ("service på biler, dekkskift",)),
        ("Lokalhistoriker", ("byvandringer, gamle materialer fra byarkivet",)),
    ),
    "da": (
        ("Cykelsmed", ("reparation af cykler, nye dele til cyklen",)),
        ("Sangskriver", ("sange og tekster til bryllupper",)),
        ("Kunstmaler", ("billeder til væggen, portrætmalerier",)),
        ("Møbelpolstrer", ("ombetræk af gamle møbler",)),
        ("Vinhandler", ("vin til festen, vinsmagninger",)),
        ("Fodboldtræner", ("træning, taktik, team-sammenhold",)),
    ),
    "sv": (
        ("Bilmekaniker", ("service av bilar, däckbyten",)),
        ("Låtskrivare", ("låtar och texter till bröllop",)),
        ("Biografägare", ("film på stor duk, privata visningar",)),
        ("Skräddare", ("skräddarsydda kläder, ekologiskt material",)),
        ("Fotomodell", ("modell för mode, reklam",)),
        ("Trädgårdsmästare", ("gröna tak, odling på taket",)),
    ),
}

# "Soft" offers nobody in the set needs, and a neutral headline, for members who mostly ask.
SOFT_OFFERS: dict[str, tuple[str, ...]] = {
    "en": (
        "board game evenings",
        "a lunchtime running group",
        "sourdough baking tips",
        "bike repair tips",
        "Spanish conversation practice",
        "mindfulness sessions",
    ),
    "nb": (
        "brettspillkvelder",
        "lunsjtrening",
        "surdeigsbaking",
        "turtips i marka",
        "språkkafé på spansk",
        "meditasjon",
    ),
    "da": (
        "brætspilsaftener",
        "frokostløb",
        "surdejsbagning",
        "vinterbadning",
        "sprogcafé på spansk",
        "meditation",
    ),
    "sv": (
        "brädspelskvällar",
        "lunchlöpning",
        "surdegsbakning",
        "vinterbad",
        "språkcafé på spanska",
        "meditation",
    ),
}
SOFT_HEADLINES: dict[str, tuple[str, ...]] = {
    "en": ("Founder, early-stage startup", "Freelance project manager", "Product owner"),
    "nb": ("Gründer, tidligfase", "Frilans prosjektleder", "Produkteier"),
    "da": ("Stifter, tidlig fase", "Freelance projektleder", "Produktejer"),
    "sv": ("Grundare, tidig fas", "Frilansande projektledare", "Produktägare"),
}

INTERESTS: dict[str, tuple[str, ...]] = {
    "en": (
        "sustainability",
        "artificial intelligence",
        "smart cities",
        "health tech",
        "culture",
        "outdoor life",
        "startups",
        "design thinking",
        "music",
        "food",
        "cycling",
        "climate",
        "education",
        "fintech",
        "ocean economy",
        "gaming",
    ),
    "nb": (
        "bærekraft",
        "kunstig intelligens",
        "smarte byer",
        "helseteknologi",
        "kultur",
        "friluftsliv",
        "gründerskap",
        "designtenkning",
        "musikk",
        "mat",
        "sykling",
        "klima",
        "utdanning",
        "fintech",
        "havnæring",
        "spill",
    ),
    "da": (
        "bæredygtighed",
        "kunstig intelligens",
        "smarte byer",
        "sundhedsteknologi",
        "kultur",
        "friluftsliv",
        "iværksætteri",
        "designtænkning",
        "musik",
        "mad",
        "cykling",
        "klima",
        "uddannelse",
        "fintech",
        "maritim økonomi",
        "spil",
    ),
    "sv": (
        "hållbarhet",
        "artificiell intelligens",
        "smarta städer",
        "hälsoteknik",
        "kultur",
        "friluftsliv",
        "entreprenörskap",
        "designtänkande",
        "musik",
        "mat",
        "cykling",
        "klimat",
        "utbildning",
        "fintech",
        "havsekonomi",
        "spel",
    ),
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "en": _words(
        "Oliver Amelia James Grace Harry Chloe Thomas Emily Daniel Sophie Samuel Hannah "
        "Adam Lucy Ryan Megan Ethan Rachel Priya Kwame Mateo Aisha Liam Zoe"
    ),
    "nb": _words(
        "Ingrid Ola Kari Lars Silje Magnus Ingvild Sindre Marte Håkon Solveig Eirik "
        "Ragnhild Torbjørn Maren Øystein Sigrid Vegard Hedda Jørgen Tuva Espen Live "
        "Anders"
    ),
    "da": _words(
        "Mette Søren Freja Rasmus Camilla Mads Signe Jesper Ida Frederik Louise Anders "
        "Karen Niels Line Troels Astrid Kasper Maja Jonas Sofie Mikkel Cecilie Bo"
    ),
    "sv": _words(
        "Anna Erik Maja Johan Elin Karl Linnea Oskar Sara Gustav Klara Nils Ebba Axel "
        "Frida Viktor Wilma Henrik Alva Fredrik Ida Mattias Agnes Per"
    ),
}
LAST_NAMES: dict[str, tuple[str, ...]] = {
    "en": _words(
        "Smith Jones Taylor Brown Wilson Evans Walker Wright Hughes Clarke Patel Mensah "
        "Murphy Campbell Reid Garcia"
    ),
    "nb": _words(
        "Hansen Johansen Olsen Larsen Berg Haugen Bakken Solberg Dahl Lie Strand Moen "
        "Lunde Aas Nygård Brekke"
    ),
    "da": _words(
        "Nielsen Jensen Pedersen Andersen Christensen Sørensen Rasmussen Jørgensen "
        "Madsen Kristensen Møller Holm Lund Kjær Bech Dam"
    ),
    "sv": _words(
        "Andersson Johansson Karlsson Nilsson Eriksson Larsson Lindqvist Svensson "
        "Gustafsson Lindberg Holmgren Sjöberg Engström Berglund Wallin Ek"
    ),
}

COMPANY_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        (
            "North",
            "Harbour",
            "Bright",
            "Kite",
            "Cobalt",
            "Meadow",
            "Summit",
            "Orbit",
            "Maple",
            "Fern",
            "Atlas",
            "Lantern",
        ),
        (" Labs Ltd", " Studio Ltd", " Partners", " Works Ltd", " Digital"),
    ),
    "nb": (
        (
            "Fjord",
            "Nordlys",
            "Bølge",
            "Granitt",
            "Lyng",
            "Havbris",
            "Skog",
            "Vidde",
            "Furu",
            "Bjørk",
            "Tind",
            "Elv",
        ),
        ("lab AS", "verket AS", "huset AS", "kraft AS", " Digital AS"),
    ),
    "da": (
        (
            "Havne",
            "Bølge",
            "Lyng",
            "Klit",
            "Bøge",
            "Fyr",
            "Strand",
            "Mose",
            "Ege",
            "Sund",
            "Hede",
            "Vig",
        ),
        ("lab ApS", "værket ApS", "huset A/S", "kraft ApS", " Digital ApS"),
    ),
    "sv": (
        (
            "Granit",
            "Fjäll",
            "Skär",
            "Björk",
            "Tall",
            "Älv",
            "Ljung",
            "Hav",
            "Sjö",
            "Ek",
            "Fyr",
            "Myr",
        ),
        ("labb AB", "verket AB", "huset AB", "kraft AB", " Digital AB"),
    ),
}

SITES: dict[str, tuple[str, ...]] = {
    "en": ("Oslo", "København", "Stockholm"),
    "nb": ("Oslo", "Oslo", "Bergen"),
    "da": ("København", "København", "Aarhus"),
    "sv": ("Stockholm", "Stockholm", "Göteborg"),
}

# Bio templates: {years}, {role} (the headline, lower-cased), {company}, {interest}.
BIOS: dict[str, tuple[str, ...]] = {
    "en": (
        "{years} years as {role}, now at {company}. Outside work: {interest}.",
        "I joined {company} after {years} years elsewhere. Into {interest}.",
    ),
    "nb": (
        "{years} års erfaring som {role}, nå i {company}. Utenom jobb: {interest}.",
        "Kom til {company} etter {years} år andre steder. Opptatt av {interest}.",
    ),
    "da": (
        "{years} års erfaring som {role}, nu hos {company}. Uden for arbejdet: {interest}.",
        "Kom til {company} efter {years} år andre steder. Optaget af {interest}.",
    ),
    "sv": (
        "{years} års erfarenhet som {role}, nu på {company}. Utanför jobbet: {interest}.",
        "Kom till {company} efter {years} år på andra ställen. Intresserad av {interest}.",
    ),
}
