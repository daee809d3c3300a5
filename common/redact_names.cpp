// Redaction of people's names where the text marks them as names: after a title or a role
// ("Dr Patel", "Nurse Sarah", "pani Kowalska", "лікар Петренко"), and common UK given names
// written with a capital ("then Sarah was rude"). Places, wards and drugs stay.
//
// [SECTION] word lists
// [SECTION] words of the text
// [SECTION] the pass
#include "redact_names.hpp"

#include "utf8.hpp"

#include <string>
#include <unicode/uchar.h>
#include <unordered_set>
#include <vector>

namespace wardvoice::common {
namespace {

// [SECTION] word lists (lower case)

/// Titles after which the next word is nearly always a name, capitalised or not.
const std::unordered_set<std::string> kStrongTitles = {
    // en / cy
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir",
    // pl
    "pan", "pani", "panią", "panem", "panu", "doktor", "doktora", "doktorem", "profesor",
    // ro
    "dl", "dna", "domnul", "doamna", "domnului", "doamnei", "doctorul", "doctorița", "doctorita",
    // uk
    "пан", "пані", "пана", "пану", "паном", "лікар", "лікарка", "лікаря", "лікарю", "доктор",
    "доктора", "д-р",
    // pt / es / it / lt (Turkish puts its Bey and Hanım after the name)
    "sr", "sra", "srta", "dra", "sig", "dott", "dottor", "ponas", "ponia", "pone", "ponios",
    "pono"};

/// Titles that take a name written in lower case even when written in lower case themselves
/// ("thanks to dr patel"); "the mr scan" and "a pan of water" are not names.
const std::unordered_set<std::string> kLowerCaseTitles = {
    "dr",    "doctor",  "doktor", "doctorul", "prof",     "professor", "profesor",
    "лікар", "лікарка", "лікаря", "доктор",   "доктора",  "д-р",       "dra",
    "dott",  "dottor",  "doutor", "doutora",  "daktaras", "daktare"};

/// Roles: the next word is a name only when it is written with a capital ("Nurse Sarah",
/// "the nurse was kind").
const std::unordered_set<std::string> kRoles = {
    // en
    "nurse", "sister", "matron", "doctor", "consultant", "surgeon", "midwife", "physio",
    "physiotherapist", "sr", "hca", "porter", "registrar", "anaesthetist", "paramedic", "student",
    "brother", "auntie", "aunt", "uncle", "nan", "nana", "grandma", "grandad",
    // cy
    "nyrs", "meddyg", "chwaer", "bydwraig", "llawfeddyg",
    // pl
    "siostra", "siostrą", "siostry", "pielęgniarka", "pielęgniarką", "pielęgniarki", "lekarz",
    "lekarza", "lekarka", "położna", "ratownik",
    // ro
    "asistenta", "asistentul", "asistentei", "sora", "doctor", "medicul", "medic", "moașa",
    "infirmiera", "infirmierul",
    // uk
    "медсестра", "медсестри", "медсестрі", "медбрат", "сестра", "акушерка", "хірург", "санітарка",
    // pt
    "enfermeira", "enfermeiro", "médico", "médica", "doutor", "doutora", "parteira", "senhor",
    "senhora", "dona",
    // es
    "enfermera", "enfermero", "doctora", "matrona", "cirujano", "señor", "señora", "don", "doña",
    // it
    "infermiera", "infermiere", "dottore", "dottoressa", "ostetrica", "chirurgo", "signor",
    "signora", "signore",
    // lt
    "gydytojas", "gydytoja", "slaugytoja", "slaugytojas", "sesele", "seselė", "akušerė", "daktaras",
    "daktarė", "chirurgas",
    // tr
    "hemşire", "hemsire", "doktor", "ebe", "cerrah"};

/// Given names common in the UK; also in lower case words: a capital mid-sentence is needed.
const std::unordered_set<std::string> kWordNames = {
    "will",  "grace",  "hope",    "faith",   "joy",     "rose",   "mark",   "bill",    "sue",
    "pat",   "frank",  "jack",    "dawn",    "amber",   "ruby",   "summer", "heather", "holly",
    "iris",  "daisy",  "jade",    "robin",   "victor",  "guy",    "drew",   "rob",     "ray",
    "gene",  "sky",    "autumn",  "angel",   "august",  "don",    "penny",  "ivy",     "poppy",
    "lily",  "violet", "hazel",   "pearl",   "crystal", "chance", "sunny",  "noble",   "earl",
    "duke",  "art",    "carol",   "cliff",   "dale",    "glen",   "neil",   "miles",   "max",
    "sonny", "kitty",  "queenie", "harmony", "honey"};
// Month names (May, June, April, August) are left out: capitalised mid-sentence they are months.

/// Given names common in the UK that are not also ordinary words.
const std::unordered_set<std::string> kGivenNames = {
    "sarah", "emma", "olivia", "amelia", "isla", "ava", "mia", "emily", "sophie", "sophia",
    "jessica", "charlotte", "chloe", "lucy", "hannah", "ella", "evie", "isabella", "isabel",
    "freya", "alice", "anna", "ann", "anne", "annie", "mary", "margaret", "elizabeth", "susan",
    "helen", "linda", "patricia", "barbara", "jennifer", "karen", "julie", "lisa", "michelle",
    "nicola", "claire", "clare", "joanne", "rachel", "rebecca", "laura", "amy", "katie", "kate",
    "kathryn", "catherine", "katherine", "louise", "jane", "janet", "joan", "jean", "jacqueline",
    "jackie", "gillian", "wendy", "pauline", "sandra", "tracey", "tracy", "deborah", "debbie",
    "samantha", "sam", "natalie", "gemma", "stacey", "zoe", "zoë", "megan", "bethany", "beth",
    "georgia", "abigail", "abbie", "lauren", "eleanor", "ellie", "harriet", "victoria", "vicky",
    "fiona", "shirley", "doreen", "brenda", "maureen", "irene", "eileen", "sheila", "valerie",
    "betty", "dorothy", "edith", "ethel", "elsie", "florence", "maria", "marie", "fatima", "aisha",
    "ayesha", "amina", "zainab", "priya", "sunita", "anita", "agnieszka", "katarzyna", "magdalena",
    "ewa", "joanna", "olena", "oksana", "iryna", "natalia", "ioana", "elena", "andreea", "siân",
    "sian", "cerys", "ffion", "seren", "megan", "carys", "rhian", "bronwen", "siobhan", "niamh",
    "aoife", "sinead", "bridget", "kerry", "jodie", "leanne", "kirsty", "john", "david", "michael",
    "paul", "andrew", "james", "peter", "robert", "richard", "steven", "stephen", "christopher",
    "chris", "ian", "simon", "thomas", "tom", "daniel", "dan", "matthew", "matt", "anthony", "tony",
    "kevin", "gary", "martin", "stuart", "graham", "alan", "keith", "colin", "brian", "derek",
    "trevor", "nigel", "barry", "roger", "geoffrey", "kenneth", "ken", "george", "william", "harry",
    "oliver", "noah", "leo", "oscar", "charlie", "jacob", "joshua", "josh", "ethan", "samuel",
    "joseph", "joe", "benjamin", "ben", "adam", "luke", "ryan", "jamie", "liam", "connor", "callum",
    "alex", "alexander", "edward", "henry", "arthur", "alfie", "archie", "freddie", "theo", "lewis",
    "nathan", "scott", "craig", "lee", "darren", "wayne", "shaun", "sean", "jason", "carl",
    "philip", "phil", "raymond", "dennis", "frederick", "albert", "harold", "stanley", "norman",
    "mohammed", "muhammad", "mohammad", "ahmed", "ali", "hassan", "hussain", "omar", "yusuf",
    "ibrahim", "raj", "sanjay", "arjun", "piotr", "tomasz", "krzysztof", "pawel", "paweł", "marek",
    "andrzej", "jan", "ion", "andrei", "mihai", "alexandru", "olexandr", "oleksandr", "dmytro",
    "andriy", "ivan", "rhys", "dafydd", "gareth", "owen", "huw", "gethin", "iwan", "emyr", "aled",
    "padraig", "declan", "ciaran", "niall", "fergus", "hamish", "angus", "duncan", "malcolm",
    "gordon", "kieran", "aaron", "dylan", "tyler",
    // names common among the UK's Portuguese, Spanish, Lithuanian, Italian and Turkish speakers
    "joão", "joao", "ana", "maria", "josé", "jose", "francisco", "antónio", "antonio", "manuel",
    "pedro", "carlos", "javier", "lucía", "lucia", "carmen", "giuseppe", "giovanni", "francesca",
    "giulia", "marco", "matteo", "jonas", "tomas", "lukas", "mantas", "rūta", "ruta", "agnė",
    "agne", "ieva", "mehmet", "mustafa", "ayşe", "ayse", "fatma", "emine", "elif", "zeynep",
    "hüseyin", "huseyin"};

/// Capitalised words that are not names even after a role or title.
const std::unordered_set<std::string> kNotNames = {
    "i", "a", "an", "the", "and", "or", "but", "was", "were", "is", "are", "be", "been", "who",
    "which", "that", "this", "on", "in", "at", "of", "for", "to", "from", "with", "by", "said",
    "told", "came", "went", "did", "do", "does", "has", "had", "have", "very", "so", "too",
    "always", "never", "not", "no", "yes", "ok", "okay", "thank", "thanks", "please", "all",
    "every", "each", "when", "then", "there", "here", "what", "how", "why", "also", "just", "again",
    "it", "he", "she", "they", "we", "you", "him", "her", "them", "us", "me", "my", "our", "your",
    "their", "his", "its", "if", "as", "station", "team", "staff", "ward", "unit", "in-charge",
    "charge", "practitioner", "assistant", "manager", "lead", "led", "nurses", "doctors", "bank",
    "agency", "night", "day", "today", "yesterday", "tomorrow", "a&e", "nhs", "ae", "er", "gp",
    "hca",
    // cy / pl / ro / uk function words
    "i", "y", "yr", "a", "ac", "ond", "oedd", "yn", "był", "była", "jest", "i", "oraz", "nie", "że",
    "și", "si", "a", "era", "este", "nu", "la", "і", "й", "та", "був", "була", "не", "що",
    // pt / es / it / lt / tr function words
    "e", "o", "os", "as", "foi", "é", "era", "não", "que", "de", "do", "da", "muito", "y", "el",
    "los", "las", "fue", "es", "no", "muy", "il", "lo", "gli", "le", "è", "stato", "stata", "non",
    "molto", "ir", "buvo", "yra", "ne", "labai", "ve", "çok", "bir", "bu", "değil"};

/// Words after a name that make it part of a place ("Florence Ward", "Bingham Health Centre").
const std::unordered_set<std::string> kPlaceWords = {
    "ward",      "unit",       "wing",      "suite",      "centre",      "center",    "hospital",
    "house",     "building",   "clinic",    "block",      "theatre",     "theatres",  "street",
    "road",      "lane",       "avenue",    "park",       "court",       "hall",      "lodge",
    "surgery",   "practice",   "health",    "medical",    "community",   "day",       "birth",
    "maternity", "children's", "childrens", "department", "outpatients", "road",      "way",
    "close",     "crescent",   "drive",     "gardens",    "place",       "square",    "hospice",
    "school",    "college",    "trust",     "bay",        "room",        "lounge",    "café",
    "cafe",      "shop",       "pharmacy",  "chapel",     "tower",       "infirmary", "service",
    "services",  "desk",       "office",    "team",       "staff",       "station",   "line"};

// [SECTION] words of the text

struct Word {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string lower;
    bool capitalised = false; ///< an upper-case first letter and a lower-case letter after it
    bool sentenceStart = false;
    bool titleDot = false; ///< followed directly by '.' ("Dr.")
};

bool isApostrophe(std::string_view s, std::size_t i, std::size_t& len) {
    if (s[i] == '\'') {
        len = 1;
        return true;
    }
    if (s.substr(i, 3) == "\xe2\x80\x99") { // ’
        len = 3;
        return true;
    }
    return false;
}

std::vector<Word> wordsOf(std::string_view s) {
    std::vector<Word> words;
    bool sentenceStart = true;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t len = 1;
        const char32_t cp = utf8::codePointAt(s, i, len);
        if (!utf8::isWordCodePoint(cp)) {
            if (cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == 0x2026) {
                sentenceStart = true;
            } else if (cp != ' ' && cp != '"' && cp != '(' && cp != 0x201C && cp != 0x201E &&
                       cp != 0xAB && cp != '-' && cp != 0x2014 && cp != 0x2013 && cp != 0xA0) {
                sentenceStart = false;
            }
            i += len;
            continue;
        }
        Word w;
        w.start = i;
        w.sentenceStart = sentenceStart;
        bool first = true;
        bool upperFirst = false;
        bool anyLower = false;
        while (i < s.size()) {
            std::size_t n = 1;
            const char32_t c = utf8::codePointAt(s, i, n);
            if (utf8::isWordCodePoint(c)) {
                if (first) {
                    upperFirst = u_isupper(static_cast<UChar32>(c)) != 0;
                } else if (u_islower(static_cast<UChar32>(c)) != 0) {
                    anyLower = true;
                }
                first = false;
                utf8::append(w.lower, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
                i += n;
                continue;
            }
            // O'Neill, Smith-Jones, д-р: joined when a letter follows
            std::size_t join = 0;
            if ((c == '-' || isApostrophe(s, i, join)) && i + (join ? join : 1) < s.size()) {
                const std::size_t after = i + (join ? join : 1);
                std::size_t m = 1;
                if (utf8::isWordCodePoint(utf8::codePointAt(s, after, m))) {
                    w.lower += c == '-' ? "-" : "'";
                    i = after;
                    continue;
                }
            }
            break;
        }
        w.end = i;
        w.capitalised = upperFirst && anyLower;
        w.titleDot = i < s.size() && s[i] == '.';
        words.push_back(std::move(w));
        sentenceStart = false;
    }
    return words;
}

/// Only spaces (or a title's full stop) between two words.
bool adjacent(std::string_view s, const Word& a, const Word& b) {
    std::size_t i = a.end;
    if (a.titleDot) {
        ++i;
    }
    bool any = false;
    while (i < b.start) {
        if (s[i] == ' ') {
            ++i;
        } else if (s.substr(i, 2) == "\xc2\xa0") {
            i += 2;
        } else {
            return false;
        }
        any = true;
    }
    return any || a.titleDot;
}

bool startsLower(std::string_view s, const Word& w) {
    std::size_t len = 1;
    return u_islower(static_cast<UChar32>(utf8::codePointAt(s, w.start, len))) != 0;
}

bool isTitle(const Word& w) {
    return kStrongTitles.contains(w.lower) || kRoles.contains(w.lower);
}

bool couldBeSurname(const Word& w) {
    return w.capitalised && !kNotNames.contains(w.lower) && !kPlaceWords.contains(w.lower) &&
           !isTitle(w);
}

/// Whether the capitalised words from `k` on lead into a place word ("Florence Nightingale
/// Ward", "Bingham Health Centre").
bool leadsToPlace(std::string_view s, const std::vector<Word>& words, std::size_t k) {
    for (std::size_t j = k + 1; j < words.size() && j <= k + 3; ++j) {
        if (!adjacent(s, words[j - 1], words[j])) {
            return false;
        }
        if (kPlaceWords.contains(words[j].lower)) {
            return true;
        }
        if (!words[j].capitalised) {
            return false;
        }
    }
    return false;
}

} // namespace

// [SECTION] the pass

std::string redactNames(std::string_view text, int& count) {
    const std::vector<Word> words = wordsOf(text);
    std::vector<std::pair<std::size_t, std::size_t>> spans; // [first word, last word]
    for (std::size_t k = 0; k < words.size(); ++k) {
        const Word& w = words[k];
        std::size_t first = words.size();
        if (isTitle(w) && k + 1 < words.size() && adjacent(text, w, words[k + 1])) {
            const Word& next = words[k + 1];
            const bool strong = kStrongTitles.contains(w.lower) &&
                                (kLowerCaseTitles.contains(w.lower) || !startsLower(text, w));
            // a name after a title; a strong title also takes one written in lower case
            const bool nameAfter =
                !isTitle(next) && !kNotNames.contains(next.lower) &&
                !kPlaceWords.contains(next.lower) &&
                (next.capitalised || (strong && next.lower.size() > 1 && !next.titleDot &&
                                      next.lower.find_first_of("0123456789") == std::string::npos));
            if (nameAfter && !leadsToPlace(text, words, k + 1)) {
                first = k + 1;
            }
        } else if (w.capitalised && (kGivenNames.contains(w.lower) ||
                                     (kWordNames.contains(w.lower) && !w.sentenceStart))) {
            const bool afterWard = k > 0 && words[k - 1].lower == "ward";
            if (!afterWard && !leadsToPlace(text, words, k)) {
                first = k;
            }
        }
        if (first == words.size()) {
            continue;
        }
        // the name and one surname after it ("Sarah Jones", "Dr John Smith")
        std::size_t last = first;
        if (last + 1 < words.size() && adjacent(text, words[last], words[last + 1]) &&
            couldBeSurname(words[last + 1])) {
            ++last;
        }
        spans.emplace_back(first, last);
        k = last;
    }
    if (spans.empty()) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    for (const auto& [a, b] : spans) {
        out.append(text.substr(at, words[a].start - at));
        out += "[name]";
        at = words[b].end;
        ++count;
    }
    out.append(text.substr(at));
    return out;
}

} // namespace wardvoice::common
