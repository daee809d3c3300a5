// Table-driven tests of PII redaction: what must be hidden, and what must survive.
#include "common/redact.hpp"

#include <gtest/gtest.h>
#include <iostream>
#include <string>
#include <vector>

namespace wardvoice::common {
namespace {

struct Case {
    const char* input;
    const char* expected;
};

// Each of these holds personal data that must not reach storage.
const std::vector<Case> kPositive = {
    // email addresses
    {"email me at jane.doe@example.com please", "email me at [email] please"},
    {"JOHN_SMITH+ward7@nhs.net", "[email]"},
    {"contact: a.b-c@mail.co.uk.", "contact: [email]."},
    {"my daughter (kate99@gmail.com) asked", "my daughter ([email]) asked"},
    {"x@y.org and z@w.com", "[email] and [email]"},
    {"email:bob@hospital.nhs.uk", "email:[email]"},
    {"Send to first.last@sub.domain.example.org!", "Send to [email]!"},
    {"user%tag@example.io", "[email]"},
    {"Mail ME@EXAMPLE.COM now", "Mail [email] now"},
    {"write to nurse.in.charge@ward7.nhs.uk today", "write to [email] today"},
    // UK mobile numbers
    {"call me on 07700 900123", "call me on [phone]"},
    {"07700900123", "[phone]"},
    {"+44 7700 900123", "[phone]"},
    {"+447700900123", "[phone]"},
    {"0044 7700 900123", "[phone]"},
    {"07700-900-123 is my son", "[phone] is my son"},
    {"mob: 07700 900 123.", "mob: [phone]."},
    {"(07700) 900123", "[phone]"},
    {"ring 07700 900123 3 times", "ring [phone] 3 times"},
    {"numbers 07700 900123, 07700 900456", "numbers [phone], [phone]"},
    // UK landlines
    {"020 7946 0958", "[phone]"},
    {"(020) 7946 0958", "[phone]"},
    {"+44 (0)20 7946 0958", "[phone]"},
    {"+44 20 7946 0958", "[phone]"},
    {"0161 496 0000", "[phone]"},
    {"01632 960001", "[phone]"},
    {"tel 0113 496 0123 after 5", "tel [phone] after 5"},
    {"0800 123 4567", "[phone]"},
    {"the ward phone 0191-496-0000 rang", "the ward phone [phone] rang"},
    {"01632960001", "[phone]"},
    {"phone 0300 123 4567.", "phone [phone]."},
    // NHS numbers (valid modulus-11 check digits)
    {"NHS number 943 476 5919", "NHS number [nhs-number]"},
    {"9434765919", "[nhs-number]"},
    {"nhs no: 943-476-5919", "nhs no: [nhs-number]"},
    {"4260181599 is mine", "[nhs-number] is mine"},
    {"my number is 930 166 1314.", "my number is [nhs-number]."},
    {"(4913909967)", "([nhs-number])"},
    {"708 246 2816", "[nhs-number]"},
    {"ref 4219935185, thanks", "ref [nhs-number], thanks"},
    {"909-378-6571", "[nhs-number]"},
    {"NHS:9432319482", "NHS:[nhs-number]"},
    // UK postcodes
    {"I live at NE1 4LP", "I live at [postcode]"},
    {"postcode sw1a 1aa", "postcode [postcode]"},
    {"M1 1AE", "[postcode]"},
    {"B33 8TH", "[postcode]"},
    {"CR2 6XH nearby", "[postcode] nearby"},
    {"DN55 1PT.", "[postcode]."},
    {"W1A 0AX", "[postcode]"},
    {"EC1A 1BB", "[postcode]"},
    {"ne14lp", "[postcode]"},
    {"from LS1 4AP, Leeds", "from [postcode], Leeds"},
    {"address: 10 High St, TS1 2AB", "address: 10 High St, [postcode]"},
    // dates of birth
    {"DOB 12/03/1950", "DOB [date]"},
    {"born 1.5.1948", "born [date]"},
    {"dob: 03-11-45", "dob: [date]"},
    {"date of birth 1950-03-12", "date of birth [date]"},
    {"born on 12 March 1950", "born on [date]"},
    {"12th of March, 1950", "[date]"},
    {"March 12, 1950", "[date]"},
    {"3 Sept 1939 is her birthday", "[date] is her birthday"},
    {"DOB 5 Jan 1961.", "DOB [date]."},
    {"she was born 29/02/1952", "she was born [date]"},
    {"born May 1st 1970", "born [date]"},
    // several kinds at once
    // word boundaries are Unicode-aware: punctuation and spaces of any script end a word
    {"„07700 900123”", "„[phone]”"},
    {"«943 476 5919»", "«[nhs-number]»"},
    {"DOB:\u00a012/03/1950", "DOB:\u00a0[date]"},
    {"call—07700900123", "call—[phone]"},
    {"“SW1A 1AA”", "“[postcode]”"},
    {"NHS:9434765919…", "NHS:[nhs-number]…"},
    {"тел.07700900123", "тел.[phone]"},
    {"tel.07700 900123", "tel.[phone]"},
    {"07700\u00a0900123", "[phone]"},
    {"born 12\u00a0March\u00a01950", "born [date]"},
    {"943 476 5919 2 weeks ago", "[nhs-number] 2 weeks ago"},
    {"9434765919 9434765919", "[nhs-number] [nhs-number]"},
    {"943 476 5919, 943 476 5919 and 4260181599", "[nhs-number], [nhs-number] and [nhs-number]"},
    {"zoë.adams@example.com", "[email]"},
    {"пишіть олена.коваль@приклад.укр", "пишіть [email]"},
    {"(номер 943 476 5919)", "(номер [nhs-number])"},
    {"Jane, 07700 900123, jane@x.com, NE1 4LP, 943 476 5919, DOB 01/02/1960",
     "[name], [phone], [email], [postcode], [nhs-number], DOB [date]"},
};

// Ordinary ward language that must come through untouched.
const std::vector<Case> kNegative = {
    {"ward 7 was clean", nullptr},
    {"bed 12 by the window", nullptr},
    {"500mg twice a day", nullptr},
    {"take 2 tablets at 10:30", nullptr},
    {"paracetamol 1g four times a day", nullptr},
    {"visiting 2-4pm and 6-8pm", nullptr},
    {"waited 45 minutes", nullptr},
    {"open 24/7", nullptr},
    {"1/2 tablet at night", nullptr},
    {"ward 10 bed 3B", nullptr},
    {"bay 4, bed 22", nullptr},
    {"vitamin B12 tablets", nullptr},
    {"ward C4 5th floor", nullptr},
    {"room A1 2pm", nullptr},
    {"came at 3am", nullptr},
    {"COVID 19 rules", nullptr},
    {"Covid-19 testing", nullptr},
    {"in 2023 it was better", nullptr},
    {"March 2024 was busy", nullptr},
    {"on 12 March the nurse came", nullptr},
    {"from 12/3 to 15/3", nullptr},
    {"rated 10/10", nullptr},
    {"score 9 out of 10", nullptr},
    {"version 1.2.3.4", nullptr},
    {"0.5mg dose", nullptr},
    {"5ml of liquid", nullptr},
    {"temperature 37.5", nullptr},
    {"blood pressure 120/80", nullptr},
    {"about 100 people", nullptr},
    {"A&E was full", nullptr},
    {"ICU staff", nullptr},
    {"2 nurses for 30 patients", nullptr},
    {"discharged after 3 days", nullptr},
    {"room 101", nullptr},
    {"ward 23B", nullptr},
    {"I'm 84 years old", nullptr},
    {"the lift on level 2", nullptr},
    {"call bell 5 times", nullptr},
    {"hand gel @ the door", nullptr},
    {"email was slow", nullptr},
    {"me@ home", nullptr},
    {"0800 start", nullptr},
    {"at 0730 they woke me", nullptr},
    {"12345", nullptr},
    {"1234567890", nullptr},        // ten digits, bad check digit
    {"4260181590", nullptr},        // NHS shape, wrong check digit
    {"930 166 1315", nullptr},      // spaced, wrong check digit
    {"123456 7890", nullptr},       // not the 3-3-4 shape
    {"07700 9001", nullptr},        // too short for a phone
    {"0770090012345678", nullptr},  // too long for a phone
    {"+33 1 23 45 67 89", nullptr}, // not a UK number
    {"1 in 4 people", nullptr},
    {"15-20 minutes wait", nullptr},
    {"7.30-8.00 breakfast", nullptr},
    {"floor 3, bay 2, bed 5", nullptr},
    {"£5 parking", nullptr},
    {"Thank you to all the staff on ward 7!", nullptr},
    {"NHS", nullptr},
    {"pts 1-6 on the list", nullptr},
    {"Mon-Fri 9-5", nullptr},
    {"M6 traffic", nullptr},
    {"the A1 road", nullptr},
    {"no postcode here SW", nullptr},
    {"[email] [phone] [date]", nullptr},
    {"café2 NE1", nullptr},
    {"ward7 07700", nullptr},
    {"1.07700900123", nullptr}, // a decimal, not a number after an abbreviation
    {"+@c.de", nullptr},
    {"Zoë's 5ml", nullptr},
    {"", nullptr},
};

// Names, where the text marks them as names: after a title or a role, in all five kiosk
// languages, and common given names written with a capital.
const std::vector<Case> kNamePositive = {
    {"Dr Patel was brilliant", "Dr [name] was brilliant"},
    {"Dr. Patel explained it", "Dr. [name] explained it"},
    {"thanks to dr patel", "thanks to dr [name]"},
    {"Nurse Sarah was lovely", "Nurse [name] was lovely"},
    {"Sister O'Neill runs a tight ship", "Sister [name] runs a tight ship"},
    {"Sister O’Neill runs a tight ship", "Sister [name] runs a tight ship"},
    {"Mr and Mrs Jones visited", "Mr and Mrs [name] visited"},
    {"staff nurse Kate helped me", "staff nurse [name] helped me"},
    {"consultant Mr Okafor", "consultant Mr [name]"},
    {"Dr John Smith", "Dr [name]"},
    {"Mrs Smith-Jones", "Mrs [name]"},
    {"Ms Adeyemi on nights", "Ms [name] on nights"},
    {"Miss Hughes was kind", "Miss [name] was kind"},
    {"Prof Greenwood saw me", "Prof [name] saw me"},
    {"Professor Nandra operated", "Professor [name] operated"},
    {"Matron Evans came round", "Matron [name] came round"},
    {"midwife Chloe stayed late", "midwife [name] stayed late"},
    {"the physio Ahmed was great", "the physio [name] was great"},
    {"Doctor Khan listened", "Doctor [name] listened"},
    {"HCA Julie made tea", "HCA [name] made tea"},
    {"porter Dave was funny", "porter [name] was funny"},
    {"ask for Mr Williams", "ask for Mr [name]"},
    {"Mr Williams, the surgeon", "Mr [name], the surgeon"},
    {"Dr Nguyen and Dr Brown", "Dr [name] and Dr [name]"},
    {"surgeon Mr Achebe", "surgeon Mr [name]"},
    {"Sir Ravi", "Sir [name]"},
    {"Mx Taylor", "Mx [name]"},
    {"thanks Sarah", "thanks [name]"},
    {"then Sarah was rude", "then [name] was rude"},
    {"Sarah was rude", "[name] was rude"},
    {"Sarah Jones was rude", "[name] was rude"},
    {"I saw Michael on Tuesday", "I saw [name] on Tuesday"},
    {"a big thank you to Emma and Olivia", "a big thank you to [name] and [name]"},
    {"Mohammed explained everything", "[name] explained everything"},
    {"Priya on reception", "[name] on reception"},
    {"my nurse, Rebecca, was kind", "my nurse, [name], was kind"},
    {"thanks to Will for the tea", "thanks to [name] for the tea"},
    {"and Grace helped me wash", "and [name] helped me wash"},
    {"ask Rose about it", "ask [name] about it"},
    {"Hope and Faith on nights", "Hope and [name] on nights"},
    {"(Kate)", "([name])"},
    {"“Helen” said no", "“[name]” said no"},
    {"Siobhan, Niamh and Aoife", "[name], [name] and [name]"},
    {"tell George thank you", "tell [name] thank you"},
    {"Dafydd yn garedig", "[name] yn garedig"},
    {"Diolch i Nyrs Cerys", "Diolch i Nyrs [name]"},
    {"roedd Dr Evans yn wych", "roedd Dr [name] yn wych"},
    {"Meddyg Jones", "Meddyg [name]"},
    {"Chwaer Morgan", "Chwaer [name]"},
    {"diolch Rhian", "diolch [name]"},
    {"pani Kowalska była miła", "pani [name] była miła"},
    {"Pan Nowak pomógł", "Pan [name] pomógł"},
    {"siostra Agnieszka", "siostra [name]"},
    {"doktor Wiśniewski", "doktor [name]"},
    {"dziękuję Piotr", "dziękuję [name]"},
    {"lekarz Zieliński", "lekarz [name]"},
    {"położna Ewa", "położna [name]"},
    {"Profesor Lewandowski", "Profesor [name]"},
    {"doamna Popescu", "doamna [name]"},
    {"Dl. Ionescu a ajutat", "Dl. [name] a ajutat"},
    {"asistenta Maria", "asistenta [name]"},
    {"doctorul Stan", "doctorul [name]"},
    {"mulțumesc Andreea", "mulțumesc [name]"},
    {"sora Elena", "sora [name]"},
    {"Dna Radu", "Dna [name]"},
    {"лікар Петренко", "лікар [name]"},
    {"пані Олена", "пані [name]"},
    {"медсестра Ірина дуже добра", "медсестра [name] дуже добра"},
    {"дякую пану Коваленку", "дякую пану [name]"},
    {"доктор Шевченко", "доктор [name]"},
    {"сестра Оксана", "сестра [name]"},
    {"д-р Бондар", "д-р [name]"},
    {"пан Іван", "пан [name]"},
    {"thank you Dr Ali!", "thank you Dr [name]!"},
    {"DR PATEL was great", "DR [name] was great"},
    {"Dr\u00a0Patel", "Dr\u00a0[name]"},
    {"nurse Sam on ward 7", "nurse [name] on ward 7"},
    {"Sam and Chris", "[name] and [name]"},
    {"student nurse Lucy", "student nurse [name]"},
    {"the registrar Dr Obi", "the registrar Dr [name]"},
    {"paramedic Tom", "paramedic [name]"},
    {"Nana Joan visited", "Nana [name] visited"},
    {"a enfermeira Joana foi muito simpática", "a enfermeira [name] foi muito simpática"},
    {"obrigado Dr. Silva", "obrigado Dr. [name]"},
    {"a Sra. Costa ajudou", "a Sra. [name] ajudou"},
    {"la enfermera Lucía", "la enfermera [name]"},
    {"gracias a la doctora García", "gracias a la doctora [name]"},
    {"el Sr. Martínez", "el Sr. [name]"},
    {"l'infermiera Giulia è stata gentile", "l'infermiera [name] è stata gentile"},
    {"grazie dottor Rossi", "grazie dottor [name]"},
    {"la signora Bianchi", "la signora [name]"},
    {"slaugytoja Rūta buvo maloni", "slaugytoja [name] buvo maloni"},
    {"ačiū gydytojui, ponas Kazlauskas", "ačiū gydytojui, ponas [name]"},
    {"hemşire Ayşe çok iyiydi", "hemşire [name] çok iyiydi"},
    {"Doktor Yılmaz", "Doktor [name]"},
};

// Words that are names only in lower case, places, wards, drugs and roles without a name.
const std::vector<Case> kNameNegative = {
    {"I will be back", nullptr},
    {"by the grace of staff", nullptr},
    {"I hope to go home", nullptr},
    {"Will they call me?", nullptr},
    {"Hope you are well", nullptr},
    {"May I say thank you", nullptr},
    {"Grace period for parking", nullptr},
    {"the nurse was kind", nullptr},
    {"the nurses were kind", nullptr},
    {"the doctor explained", nullptr},
    {"nurse in charge", nullptr},
    {"Nurse In Charge", nullptr},
    {"the sister was busy", nullptr},
    {"Sister Ward", nullptr},
    {"staff nurse on nights", nullptr},
    {"the consultant was late", nullptr},
    {"A&E was full", nullptr},
    {"Bingham Health Centre", nullptr},
    {"Florence Ward was clean", nullptr},
    {"on Victoria Ward", nullptr},
    {"Mary Seacole Ward", nullptr},
    {"Elizabeth Unit staff", nullptr},
    {"Rose Cottage Hospice", nullptr},
    {"George Street car park", nullptr},
    {"Kate House", nullptr},
    {"paracetamol and ibuprofen", nullptr},
    {"Paracetamol helped", nullptr},
    {"Oramorph at night", nullptr},
    {"Warfarin levels", nullptr},
    {"Lansoprazole", nullptr},
    {"NHS", nullptr},
    {"ICU", nullptr},
    {"The food was cold", nullptr},
    {"Thank you so much", nullptr},
    {"Excellent care", nullptr},
    {"Good", nullptr},
    {"London", nullptr},
    {"Nottingham City Hospital", nullptr},
    {"Queens Medical Centre", nullptr},
    {"The Royal Infirmary", nullptr},
    {"Dr was late", nullptr},
    {"my dr said so", nullptr},
    {"Mr and Mrs", nullptr},
    {"the mr scan", nullptr},
    {"Dr. said no", nullptr},
    {"ward 7 dr", nullptr},
    {"a frank talk", nullptr},
    {"I mark it 10", nullptr},
    {"the rose garden", nullptr},
    {"summer heat", nullptr},
    {"dawn till dusk", nullptr},
    {"a ray of light", nullptr},
    {"pat on the back", nullptr},
    {"a joy to be here", nullptr},
    {"Joy to the world", nullptr},
    {"Summer is hot", nullptr},
    {"April showers", nullptr},
    {"in June", nullptr},
    {"Monday to Friday", nullptr},
    {"I", nullptr},
    {"Christmas on the ward", nullptr},
    {"English and Welsh", nullptr},
    {"Diolch yn fawr", nullptr},
    {"Roedd y nyrs yn garedig", nullptr},
    {"Dziękuję bardzo", nullptr},
    {"pielęgniarki były miłe", nullptr},
    {"Pan był miły", nullptr},
    {"Mulțumesc frumos", nullptr},
    {"asistenta a fost bună", nullptr},
    {"Дякую за все", nullptr},
    {"медсестра була добра", nullptr},
    {"лікар не прийшов", nullptr},
    {"a enfermeira foi muito simpática", nullptr},
    {"la enfermera no vino", nullptr},
    {"l'infermiera è stata gentile", nullptr},
    {"slaugytoja buvo maloni", nullptr},
    {"hemşire çok iyiydi", nullptr},
    {"o senhor foi simpático", nullptr},
    {"Staff Nurse", nullptr},
    {"Nurse Station", nullptr},
    {"Doctor Who", nullptr},
    {"[name] was rude", nullptr},
    {"Dr [name]", nullptr},
    {"ask for the Ward Manager", nullptr},
    {"Physio Team", nullptr},
    {"Porter Service", nullptr},
    {"HCA were busy", nullptr},
    {"call the Matron", nullptr},
    {"nurse 2 was late", nullptr},
    {"Dr 5 mins late", nullptr},
};

TEST(Redact, NamesAfterTitlesAndGivenNamesAreReplaced) {
    ASSERT_GE(kNamePositive.size(), 80u);
    ASSERT_GE(kNameNegative.size(), 80u);
    int positives = 0;
    int negatives = 0;
    for (const Case& c : kNamePositive) {
        const std::string out = redact(c.input);
        EXPECT_EQ(out, c.expected) << "input: " << c.input;
        positives += out == c.expected;
        EXPECT_EQ(redact(out), out) << "not idempotent: " << c.input;
    }
    for (const Case& c : kNameNegative) {
        const std::string out = redact(c.input);
        EXPECT_EQ(out, c.input) << "input: " << c.input;
        negatives += out == c.input;
    }
    std::cout << "name redaction: " << positives << "/" << kNamePositive.size()
              << " positive cases redacted, " << negatives << "/" << kNameNegative.size()
              << " negative cases left alone\n";
}

TEST(Redact, PositiveCasesAreReplaced) {
    ASSERT_GE(kPositive.size(), 60u);
    for (const Case& c : kPositive) {
        EXPECT_EQ(redact(c.input), c.expected) << "input: " << c.input;
    }
}

TEST(Redact, NegativeCasesSurvive) {
    ASSERT_GE(kNegative.size(), 60u);
    for (const Case& c : kNegative) {
        EXPECT_EQ(redact(c.input), c.input) << "input: " << c.input;
    }
}

TEST(Redact, IsIdempotent) {
    for (const Case& c : kPositive) {
        const std::string once = redact(c.input);
        EXPECT_EQ(redact(once), once) << "input: " << c.input;
    }
}

TEST(Redact, IsIdempotentOnLeftoversOfAddresses) {
    for (const char* text : {"a@b.co+@c.de", "a@bb.co+a@bb.co+r", "x@y.com.@z.org", "a@b.cd@e.fg",
                             "@@a@b.cd", "zoë@ex.am.ple", "a.@b.co", "-@x.com"}) {
        const std::string once = redact(text);
        EXPECT_EQ(redact(once), once) << "input: " << text;
    }
}

TEST(Redact, CountsEachKind) {
    RedactionCounts counts;
    (void)redact("a@b.com 07700 900123 943 476 5919 NE1 4LP 01/02/1960 c@d.org", &counts);
    EXPECT_EQ(counts.emails, 2);
    EXPECT_EQ(counts.phones, 1);
    EXPECT_EQ(counts.nhsNumbers, 1);
    EXPECT_EQ(counts.postcodes, 1);
    EXPECT_EQ(counts.dates, 1);
    EXPECT_EQ(counts.total(), 6);
}

TEST(Redact, NonAsciiTextAroundIdentifiersIsKept) {
    EXPECT_EQ(redact("Dziękuję, mój numer 07700 900123 – żona"),
              "Dziękuję, mój numer [phone] – żona");
    EXPECT_EQ(redact("Діякую: olena@example.com"), "Діякую: [email]");
    EXPECT_EQ(redact("café NE1 4LP"), "café [postcode]");
}

TEST(Redact, LongInputIsLinear) {
    // 200 kB of digits and separators must not blow up (std::regex could recurse here).
    std::string text;
    for (int i = 0; i < 20000; ++i) {
        text += "0 1-2 ";
    }
    EXPECT_EQ(redact(text), text);
    text += " 07700 900123";
    EXPECT_TRUE(redact(text).ends_with(" [phone]"));
}

} // namespace
} // namespace wardvoice::common
