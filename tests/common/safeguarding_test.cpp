// The safeguarding screen, case by case: what must raise a flag (in every kiosk language), and
// what only looks like it (negation, a rescue told in the past, "life threatening").
#include "common/safeguarding.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace wardvoice::common {
namespace {

struct Case {
    const char* text;
    ConcernClass expected;
    std::optional<int> rating = std::nullopt;
    const char* language = ""; ///< the kiosk's language, when the case needs it
};

ScreenResult screenText(const char* text, std::optional<int> rating = std::nullopt,
                        const char* language = "") {
    ScreenInput input;
    input.comment = text;
    input.rating = rating;
    input.language = language;
    return screenComment(input);
}

void expectCases(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        const ScreenResult r = screenText(c.text, c.rating, c.language);
        EXPECT_EQ(toString(r.concern), toString(c.expected))
            << "comment: " << c.text << "\nreason: " << r.reason;
        EXPECT_EQ(r.flagged, c.expected != ConcernClass::None) << c.text;
        EXPECT_EQ(r.reason.empty(), !r.flagged) << c.text;
    }
}

constexpr auto S = ConcernClass::SelfHarm;
constexpr auto A = ConcernClass::HarmAbuse;
constexpr auto N = ConcernClass::NeglectUnsafe;
constexpr auto C = ConcernClass::ComplaintIntent;
constexpr auto None = ConcernClass::None;

TEST(SafeguardingScreen, LexiconCompilesWithoutProblems) {
    const auto& problems = SafeguardingScreen::standard().problems();
    for (const auto& p : problems) {
        ADD_FAILURE() << p;
    }
    const auto& languages = SafeguardingScreen::languages();
    for (const char* lang : {"en", "cy", "pl", "ro", "uk", "pt", "es", "lt", "it", "tr"}) {
        EXPECT_NE(std::find(languages.begin(), languages.end(), lang), languages.end()) << lang;
    }
}

TEST(SafeguardingScreen, TheIssuesExamplesAreFlaggedWithTheirClass) {
    expectCases({
        {"my husband was left to fall out of his bed and fracture his hip", N},
        {"the crisis line hung up when I mentioned an overdose", S},
        {"a male nurse shouts at me until I cry", A},
        {"I am writing a formal complaint about one nurse", C},
    });
}

TEST(SafeguardingScreen, EnglishPositives) {
    expectCases({
        {"I have been having suicidal thoughts every day since I left", S},
        {"Some nights I want to end my life", S},
        {"I have started cutting myself again", S},
        {"I rang the crisis team three times and nobody called me back", S},
        {"Honestly I'd be better off dead", S},
        {"The carer slapped my mum when she would not eat", A},
        {"He was very rough with my dad when moving him", A},
        {"One of the staff threatened me", A},
        {"She humiliated me in front of the whole bay", A},
        {"I was sexually assaulted by another patient", A},
        {"Staff kept calling him names", A},
        {"I was left lying in urine for hours", N},
        {"Nobody gave him any water all day", N},
        {"She was given the wrong medication twice", N},
        {"They discharged him too early and he was back in A&E the next day", N},
        {"I do not feel safe on this ward at night", N},
        {"We waited 5 hours while he was struggling to breathe", N},
        {"Mum lay on the floor for 3 hours before anyone came", N},
        {"I have asked for the ombudsman to look at this", C},
        {"I will be speaking to my solicitor", C},
        {"I want to make a complaint about the night staff", C},
    });
}

TEST(SafeguardingScreen, NegationTakesTheFlagOff) {
    expectCases({
        {"I never felt unsafe", None},
        {"I didn't feel unsafe at any point", None},
        {"I did not feel at all unsafe on the ward", None},
        {"Nobody shouted at me, everyone was kind", None},
        {"No complaints at all, thank you", None},
        {"I have no complaints", None},
        {"I wasn't left in pain for a minute", None},
        {"Not once was I ignored", None},
    });
}

TEST(SafeguardingScreen, ARescueToldInThePastIsNotAFlag) {
    expectCases({
        {"staff saved me when I was suicidal", None},
        {"The crisis team saved my life", None},
        {"The nurses helped me through when I wanted to end my life", None},
        {"When struggling or harming yourself, staff make sure I am safe.", None},
        {"I used to self harm but the team have helped me so much", None},
        {"I no longer have suicidal thoughts thanks to this service", None},
        // ... but a rescue that did not happen is still a flag.
        {"I tried to get help when I was suicidal and no one answered", S},
        {"The crisis team saved my life last year but now nobody answers when I call", S},
    });
}

TEST(SafeguardingScreen, WordsThatOnlyLookLikeTriggers) {
    expectCases({
        {"It was a life threatening situation and the crew were fantastic", None},
        {"My husband had a heart attack and the paramedics were wonderful", None},
        {"It's a very hit and miss service", None},
        {"The substance abuse team were brilliant", None},
        {"The driver dropped me off early", None},
        {"The porter pushed me in my wheelchair to the ward", None},
        {"My pals came to visit and that cheered me up", None},
        {"Mum had a fall at home and the crew were lovely", None},
        {"The ambulance arrived within 2 hours for my chest pain", None},
        {"We were told it could be up to 3 hours but they came quickly, chest pain sorted", None},
        {"I was accidentally overdosing on paracetamol and 111 sent me to A&E in time", None},
        {"Very unsafe if my child had been seriously unwell", None},
        {"If it wasn't for the paramedics I would have lost her", None},
    });
}

TEST(SafeguardingScreen, TheDischargeTopicSharpensDischargeWords) {
    ScreenInput in;
    in.topic = "discharge";
    in.comment = "They sent him home before he was ready and with no support";
    EXPECT_EQ(screenComment(in).concern, N) << screenComment(in).reason;
    in.comment = "My medicines to take home were not ready until 8pm.";
    EXPECT_FALSE(screenComment(in).flagged) << "a late prescription is not an unsafe discharge";
    in.topic = "general";
    in.comment = "I was discharged too early";
    EXPECT_EQ(screenComment(in).concern, N);
}

TEST(SafeguardingScreen, AGoodRatingQuietsOnlyTheWeakPatterns) {
    const char* thanks = "He was in so much pain, the crew were wonderful";
    EXPECT_FALSE(screenText(thanks, 1).flagged);
    EXPECT_TRUE(screenText(thanks, 5).flagged);
    EXPECT_TRUE(screenText(thanks).flagged); // no rating: recall first
    // A strong disclosure is flagged whatever the rating.
    EXPECT_TRUE(screenText("Lovely staff but I still want to kill myself", 1).flagged);
}

TEST(SafeguardingScreen, DelaysCountOnlyWhenLongAndReal) {
    expectCases({
        {"Waited 90 minutes with chest pain", N},
        {"Waited 30 minutes with chest pain", None},
        {"From 8pm till 4am he was in extreme pain", N},
        {"We waited over an hour, he was having a stroke", N},
        {"We waited half an hour, he was having a stroke", None},
        {"Transport was 2 hours late, I missed my appointment", None},
    });
}

TEST(SafeguardingScreen, WelshPolishRomanianUkrainian) {
    expectCases({
        // Welsh
        {"Dw i eisiau marw", S},
        {"Rwy'n meddwl am hunanladdiad", S},
        {"Roedd y nyrs yn gweiddi arna i bob dydd", A},
        {"Cefais fy ngadael mewn poen drwy'r nos", N},
        {"Roeddwn heb fwyd am ddiwrnod cyfan", N},
        {"Nid oeddwn i'n teimlo'n ddiogel", N},
        {"Dw i am wneud cwyn ffurfiol", C},
        // Polish
        {"Chcę umrzeć, nikt mi nie pomaga", S},
        {"Mam myśli samobójcze", S},
        {"Pielęgniarka krzyczała na mnie", A},
        {"Zostawili mnie w bólu na podłodze", N},
        {"ZOSTAWILI MNIE BEZ JEDZENIA", N},
        {"Dostałam zły lek", N},
        {"Złożę skargę do rzecznika praw pacjenta", C},
        // Romanian (with and without diacritics)
        {"Vreau să mor", S},
        {"M-am gândit la sinucidere", S},
        {"Asistenta a țipat la mine", A},
        {"Am fost lăsată fără mâncare toată ziua", N},
        {"Am fost lasata fara mancare toata ziua", N},
        {"Nu m-am simțit în siguranță", N},
        {"Voi face o plângere", C},
        // Ukrainian
        {"Я хочу померти", S},
        {"У мене думки про самогубство", S},
        {"Медсестра кричала на мене", A},
        {"Мене залишили без води і їжі", N},
        {"Я не почувалася в безпеці", N},
        {"Я подам скаргу", C},
    });
}

TEST(SafeguardingScreen, PortugueseSpanishLithuanianItalianTurkish) {
    expectCases({
        // Portuguese
        {"Às vezes quero morrer", S},
        {"Penso em matar-me", S},
        {"Liguei para a linha de crise e ninguém atendeu", S},
        {"A enfermeira gritou comigo à frente de todos", A},
        {"Ele bateu-me no braço", A},
        {"Deixaram-me com dores a noite toda", N},
        {"Fiquei o dia inteiro sem comida", N},
        {"Deram-me a medicação errada", N},
        {"Não me senti seguro na enfermaria", N},
        {"Vou fazer uma queixa formal", C},
        // Spanish
        {"No quiero vivir así", S},
        {"Me quiero morir", S},
        {"La enfermera me gritó delante de todos", A},
        {"Me amenazaron con echarme", A},
        {"Me dejaron en el suelo con dolor", N},
        {"Mi madre se cayó de la cama y nadie vino", N},
        {"No me sentí segura por la noche", N},
        {"Voy a poner una queja", C},
        // Lithuanian (with and without diacritics)
        {"Noriu mirti", S},
        {"Galvoju apie savižudybę", S},
        {"Slaugytoja rėkė ant manęs", A},
        {"Mane paliko be vandens visą dieną", N},
        {"Nesijaučiau saugiai", N},
        {"Nesijauciau saugiai", N},
        {"Rašysiu skundą", C},
        // Italian
        {"Voglio morire", S},
        {"Ho pensato di togliermi la vita", S},
        {"L'infermiera mi ha urlato contro", A},
        {"Mi hanno lasciato nel dolore tutta la notte", N},
        {"Sono rimasto senza acqua tutto il giorno", N},
        {"Mi hanno dato il farmaco sbagliato", N},
        {"Non mi sono sentito sicuro", N},
        {"Farò un reclamo", C},
        // Turkish (with and without its letters)
        {"Ölmek istiyorum", S},
        {"Intihar etmeyi düşünüyorum", S},
        {"Hemşire bana bağırdı", A},
        {"Beni acı içinde bıraktılar", N},
        {"Bana yanlış ilaç verdiler", N},
        {"Bana yanlis ilac verdiler", N},
        {"Kendimi güvende hissetmedim", N},
        {"Şikayet edeceğim", C},
    });
}

TEST(SafeguardingScreen, NegationInTheNewLanguagesTakesTheFlagOff) {
    expectCases({
        {"Nunca me senti inseguro", None}, // pt
        {"Nunca me sentí insegura", None}, // es
        {"Il reparto non era mai pericoloso", None},
        {"No quiero morir, quiero ir a casa", None},
        // Spanish's maltrat* finds the Italian word too: the negation of the language the
        // person wrote in counts for every language's triggers
        {"Nessuno mi ha maltrattato", None, std::nullopt, "it"},
        {"Nadie me maltrató", None, std::nullopt, "es"},
        {"Ninguém me agrediu", None, std::nullopt, "pt-PT"},
        {"Mi hanno maltrattato", A, std::nullopt, "it"},
    });
}

TEST(SafeguardingScreen, OrdinaryCommentsInEveryLanguageAreNotFlagged) {
    expectCases({
        {"The food was cold and the parking is too expensive", None},
        {"Visiting hours are too short for working families", None},
        {"Roedd y staff yn garedig iawn", None},            // cy: the staff were very kind
        {"Personel był bardzo miły, dziękuję", None},       // pl
        {"Personalul a fost foarte amabil", None},          // ro
        {"Персонал був дуже уважний, дякую", None},         // uk
        {"Nie było problemów, wszystko w porządku", None},  // pl: no problems
        {"A equipa foi muito simpática, obrigado", None},   // pt
        {"No estoy seguro de la hora de visita", None},     // es: not sure, not unsafe
        {"El personal fue muy amable, gracias", None},      // es
        {"Darbuotojai buvo labai malonūs, ačiū", None},     // lt
        {"Non sono sicuro dell'orario delle visite", None}, // it: not sure
        {"Il personale è stato gentilissimo", None},        // it
        {"Personel çok ilgiliydi, teşekkürler", None},      // tr
        {"Yemekler soğuktu ve otopark pahalı", None},       // tr: cold food, parking
    });
}

TEST(SafeguardingScreen, TheReasonQuotesTheWordsAsWritten) {
    const ScreenResult r = screenText("Honestly, I WANTED TO DIE that night.");
    ASSERT_TRUE(r.flagged);
    EXPECT_NE(r.reason.find("\"WANTED TO DIE\""), std::string::npos) << r.reason;
    const ScreenResult delay = screenText("We waited 5 hours. He could not breathe.");
    ASSERT_TRUE(delay.flagged);
    EXPECT_NE(delay.reason.find("\"5 hours\""), std::string::npos) << delay.reason;
    EXPECT_NE(delay.reason.find("breathe"), std::string::npos) << delay.reason;
}

TEST(SafeguardingScreen, TheMostUrgentClassWins) {
    const ScreenResult r =
        screenText("I will make a formal complaint: I was left in pain and I want to die");
    EXPECT_EQ(r.concern, ConcernClass::SelfHarm) << r.reason;
}

TEST(SafeguardingScreen, OddTextIsHandled) {
    expectCases({
        {"", None},
        {"     ", None},
        {"!!!???...", None},
        {"\xF0\x9F\x98\xA2\xF0\x9F\x98\xA2", None}, // emoji only
        {"suicidal", S},
        {"SUICIDAL", S},
        {"self-harm", S},
        {"I was left in pain\xE2\x80\xA6 for hours", N},
    });
    const std::string longText(20000, 'a');
    EXPECT_FALSE(screenText(longText.c_str()).flagged);
    std::string repeated;
    for (int i = 0; i < 500; ++i) {
        repeated += "no one not never left waiting ";
    }
    EXPECT_NO_FATAL_FAILURE(screenText(repeated.c_str()));
}

TEST(SafeguardingScreen, ClassNamesRoundTrip) {
    for (ConcernClass c : kAllConcernClasses) {
        EXPECT_EQ(concernClassFromString(toString(c)), c);
    }
    EXPECT_FALSE(concernClassFromString("urgent").has_value());
}

} // namespace
} // namespace wardvoice::common
