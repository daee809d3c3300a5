// User-facing text: one JSON file per language, English as the fallback.
#include "kiosk/i18n.hpp"

#include "common/utf8.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace wardvoice::kiosk {

common::Result<Translations> Translations::load(const std::string& dir,
                                                const std::vector<std::string>& languages) {
    Translations t;
    std::vector<std::string> wanted = {"en"};
    for (const std::string& l : languages) {
        if (l != "en") {
            wanted.push_back(l);
        }
    }
    for (const std::string& lang : wanted) {
        const std::string path = dir + "/" + lang + ".json";
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return common::makeError("bad_i18n",
                                     path + ": no translation file for language '" + lang + "'");
        }
        std::ostringstream text;
        text << in.rdbuf();
        const auto j = nlohmann::json::parse(text.str(), nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            return common::makeError("bad_i18n", path + ": not a JSON object of key to text");
        }
        auto& table = t.m_tables[lang];
        for (const auto& [key, value] : j.items()) {
            if (!value.is_string() || !common::utf8::isValid(value.get<std::string>())) {
                return common::makeError("bad_i18n",
                                         path + ": value of '" + key + "' must be UTF-8 text");
            }
            table[key] = value.get<std::string>();
        }
    }
    t.m_languages = languages;
    return t;
}

std::string Translations::text(const std::string& language, const std::string& key) const {
    for (const std::string* lang : {&language, &kEnglish}) {
        const auto table = m_tables.find(*lang);
        if (table != m_tables.end()) {
            const auto it = table->second.find(key);
            if (it != table->second.end()) {
                return it->second;
            }
        }
    }
    return key;
}

std::string_view pluralCategory(const std::string& language, std::size_t n) {
    const std::size_t mod10 = n % 10;
    const std::size_t mod100 = n % 100;
    if (language == "pl") {
        if (n == 1) {
            return "one";
        }
        return mod10 >= 2 && mod10 <= 4 && !(mod100 >= 12 && mod100 <= 14) ? "few" : "many";
    }
    if (language == "uk") {
        if (mod10 == 1 && mod100 != 11) {
            return "one";
        }
        return mod10 >= 2 && mod10 <= 4 && !(mod100 >= 12 && mod100 <= 14) ? "few" : "many";
    }
    if (language == "ro") {
        if (n == 1) {
            return "one";
        }
        return n == 0 || (mod100 >= 1 && mod100 <= 19) ? "few" : "other";
    }
    if (language == "lt") {
        // "many" is for fractions alone
        if (mod100 >= 11 && mod100 <= 19) {
            return "other";
        }
        return mod10 == 1 ? "one" : mod10 >= 2 ? "few" : "other";
    }
    if (language == "cy") {
        switch (n) {
        case 0:
            return "zero";
        case 1:
            return "one";
        case 2:
            return "two";
        case 3:
            return "few";
        case 6:
            return "many";
        default:
            return "other";
        }
    }
    // English, Spanish, Italian, Turkish and Portuguese as Portugal speaks it (CLDR "pt-PT":
    // "0 palavras", where Brazil's "pt" would say "0 palavra")
    return n == 1 ? "one" : "other";
}

bool Translations::has(const std::string& language, const std::string& key) const {
    const auto table = m_tables.find(language);
    return table != m_tables.end() && table->second.count(key) > 0;
}

std::string Translations::count(const std::string& language, const std::string& key,
                                std::size_t n) const {
    const std::string exact = key + "." + std::string(pluralCategory(language, n));
    std::string phrase =
        has(language, exact) ? text(language, exact) : text(language, key + ".other");
    const std::string number = std::to_string(n);
    for (std::size_t at = phrase.find("{n}"); at != std::string::npos;
         at = phrase.find("{n}", at + number.size())) {
        phrase.replace(at, 3, number);
    }
    return phrase;
}

std::vector<std::string> Translations::missingKeys(const std::string& language) const {
    std::vector<std::string> out;
    const auto english = m_tables.find("en");
    const auto other = m_tables.find(language);
    if (english == m_tables.end()) {
        return out;
    }
    for (const auto& [key, value] : english->second) {
        if (other == m_tables.end() || other->second.count(key) == 0) {
            out.push_back(key);
        }
    }
    return out;
}

} // namespace wardvoice::kiosk
