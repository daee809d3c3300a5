// User-facing text: one JSON file per language under assets/i18n/, English as the fallback.
#pragma once

#include "common/result.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::kiosk {

/// CLDR's plural category of a whole number in a language ("zero", "one", "two", "few",
/// "many" or "other"): 1 słowo, 2 słowa, 5 słów; 1 word, 2 words. English's rule for languages
/// it does not know.
std::string_view pluralCategory(const std::string& language, std::size_t n);

class Translations {
public:
    /// Loads assets/i18n/<lang>.json for each language; English must exist.
    static common::Result<Translations> load(const std::string& i18nDir,
                                             const std::vector<std::string>& languages);

    /// The text for `key` in `language`, falling back to English, then to the key itself.
    std::string text(const std::string& language, const std::string& key) const;
    /// A counted phrase: `key.<plural category of n>` (else `key.other`) with `{n}` replaced by
    /// the number, so that the translation puts the number where its grammar wants it
    /// ("Pozostało {n} znaków").
    std::string count(const std::string& language, const std::string& key, std::size_t n) const;
    /// Whether `language`'s own file has `key` (no English fallback).
    bool has(const std::string& language, const std::string& key) const;
    /// Keys that English has and `language` lacks.
    std::vector<std::string> missingKeys(const std::string& language) const;
    const std::vector<std::string>& languages() const { return m_languages; }

private:
    static inline const std::string kEnglish = "en";
    std::map<std::string, std::map<std::string, std::string>> m_tables;
    std::vector<std::string> m_languages;
};

} // namespace wardvoice::kiosk
