// User-facing text: one JSON file per language under assets/i18n/, English as the fallback.
#pragma once

#include "common/result.hpp"

#include <map>
#include <string>
#include <vector>

namespace wardvoice::kiosk {

class Translations {
public:
    /// Loads assets/i18n/<lang>.json for each language; English must exist.
    static common::Result<Translations> load(const std::string& i18nDir,
                                             const std::vector<std::string>& languages);

    /// The text for `key` in `language`, falling back to English, then to the key itself.
    std::string text(const std::string& language, const std::string& key) const;
    /// Keys that English has and `language` lacks.
    std::vector<std::string> missingKeys(const std::string& language) const;
    const std::vector<std::string>& languages() const { return m_languages; }

private:
    static inline const std::string kEnglish = "en";
    std::map<std::string, std::map<std::string, std::string>> m_tables;
    std::vector<std::string> m_languages;
};

} // namespace wardvoice::kiosk
