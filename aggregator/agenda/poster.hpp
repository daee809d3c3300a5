// The ward poster: an A4 page for the ward's notice board each month. How the ward did (FFT %
// positive and how many answered), the three things patients raised most, what the panel
// agreed and what was done, and how to join the patient and carer panel.
#pragma once

#include "aggregator/agenda/insights.hpp"
#include "aggregator/store/store.hpp"
#include "common/result.hpp"

#include <string>
#include <vector>

namespace wardvoice::aggregator {

struct PosterContent {
    std::string ward;
    std::string wardName; ///< what staff call it (`ward add --name`), else its id
    std::string month;    ///< YYYY-MM
    FftCounts fft;
    std::vector<std::string> raised; ///< up to three themes, most pressing first, 5+ comments each
    std::vector<AgendaItem> agreed;  ///< the ward's items agreed, in progress or done
};

/// The poster's content for `ward` in `month` (YYYY-MM): `bad_month` when malformed.
common::Result<PosterContent> posterContent(Store& store, Insights& insights,
                                            const std::string& ward, const std::string& month);

/// The poster as a PDF. `join` says how to join the panel (the trust's own words).
common::Result<std::string> posterPdf(const PosterContent& poster, const std::string& join);

/// The trust's words on how to join the panel as the poster prints them: valid UTF-8 of 1 to
/// kPanelJoinMaxChars characters once control characters and outer white space are gone;
/// otherwise a "bad_panel_join" error saying why.
inline constexpr std::size_t kPanelJoinMaxChars = 600;
common::Result<std::string> panelJoinWords(std::string_view text);

/// How to join the panel when a trust has not said.
inline constexpr const char* kDefaultPanelJoin =
    "Would you like to help improve this ward? Join our patient and carer panel: ask any "
    "member of staff on the ward, or the hospital's patient experience team.";

} // namespace wardvoice::aggregator
