// The safeguarding screen: which comments cannot wait for a manager to read them, and why.
// Pure logic (no I/O), the same on the kiosk (its "if you need help now" hint, offline) and the
// aggregator (an alert raised in the transaction that stores the submission).
#pragma once

#include "common/result.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::common {

/// What a flagged comment is about, most urgent first. A comment gets one class: the most
/// urgent of those its words support.
enum class ConcernClass : std::uint8_t {
    SelfHarm,        ///< suicidal thoughts, self-harm, a crisis line that did not answer
    HarmAbuse,       ///< abuse, rough handling, threats, humiliation, sexual misconduct
    NeglectUnsafe,   ///< left in pain / soiled / without food, water or help; a fall or injury;
                     ///< a medication error; an unsafe discharge; a life-threatening delay
    ComplaintIntent, ///< a formal complaint, the ombudsman, a solicitor, legal action
    None,
};

inline constexpr std::array<ConcernClass, 5> kAllConcernClasses = {
    ConcernClass::SelfHarm, ConcernClass::HarmAbuse, ConcernClass::NeglectUnsafe,
    ConcernClass::ComplaintIntent, ConcernClass::None};

/// "self_harm", "harm_abuse", "neglect_unsafe", "complaint_intent", "none".
std::string_view toString(ConcernClass c);
std::optional<ConcernClass> concernClassFromString(std::string_view s);

/// What the screen reads. Only `comment` is required; the others sharpen it.
struct ScreenInput {
    std::string_view comment;  ///< valid UTF-8, as stored (after redaction)
    std::optional<int> rating; ///< FFT rating 1 (very good) .. 5 (very poor), 6 don't know
    std::string_view topic;    ///< "discharge", "infection_control", ... or empty
    std::string_view language; ///< the kiosk language the person used ("en", "cy", ...)
};

/// The screen's answer for one comment.
struct ScreenResult {
    bool flagged = false;
    ConcernClass concern = ConcernClass::None;
    /// The words of the comment that raised the flag, as written, e.g. `"wanted to die"`, or
    /// for a delay `"4 hours" with "struggling to breathe"`; several joined by "; ", those of a
    /// less urgent class followed by its name (`"left her soaking wet" (neglect_unsafe)`), at
    /// most four. Empty when not flagged.
    std::string reason;
};

class ScreenModel;

/// The lexicons and patterns of every supported language (en, cy, pl, ro, uk), compiled once,
/// and the learned model that adds what they miss (safeguarding_model.hpp), when one is loaded.
/// Thread-safe: screen() only reads.
class SafeguardingScreen {
public:
    /// The built-in screen, compiled on first use.
    static const SafeguardingScreen& standard();

    /// The patterns, then (for a comment they do not flag) the model.
    ScreenResult screen(const ScreenInput& input) const;
    /// The patterns alone.
    ScreenResult screenLexicon(const ScreenInput& input) const;

    /// Loads `path` (assets/models/screen.wvs) as the standard screen's model. On an error the
    /// screen keeps working on its patterns alone, and the error says why.
    static Status loadModel(const std::string& path);
    /// Sets (or, with nullptr, removes) the standard screen's model.
    static void setModel(std::shared_ptr<const ScreenModel> model);
    std::shared_ptr<const ScreenModel> model() const;

    /// Languages whose lexicons the screen holds.
    static const std::vector<std::string>& languages();

    /// Lexicon entries that did not compile (empty unless the lexicon has a typo; tested).
    const std::vector<std::string>& problems() const;

    struct Compiled;
    ~SafeguardingScreen();
    SafeguardingScreen(const SafeguardingScreen&) = delete;
    SafeguardingScreen& operator=(const SafeguardingScreen&) = delete;

private:
    SafeguardingScreen();
    std::unique_ptr<Compiled> m_compiled;
    mutable std::atomic<std::shared_ptr<const ScreenModel>> m_model;
};

/// Shorthand for SafeguardingScreen::standard().screen(input).
ScreenResult screenComment(const ScreenInput& input);

} // namespace wardvoice::common
