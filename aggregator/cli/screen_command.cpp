// `screen`: the safeguarding screen over the comments of a CSV file, for outside tools.
#include "aggregator/cli/screen_command.hpp"

#include "aggregator/cli/csv.hpp"
#include "common/safeguarding.hpp"

#include <iostream>

namespace wardvoice::aggregator {

int runScreen(const ScreenArgs& args) {
    auto columns = readCommentColumns(args.csv, args.textColumn, args.ratingColumn);
    if (!columns) {
        std::cerr << "wardvoice-aggregator: " << columns.error().message << "\n";
        return 1;
    }
    std::size_t flagged = 0;
    const auto written = writeFileAtomically(args.out, [&](std::ostream& out) {
        out << "row,flag,class,reason\r\n";
        for (std::size_t i = 0; i < columns->texts.size(); ++i) {
            common::ScreenInput input;
            input.comment = columns->texts[i];
            input.rating = columns->ratings[i];
            const common::ScreenResult r = common::screenComment(input);
            flagged += r.flagged ? 1 : 0;
            out << i << ',' << (r.flagged ? '1' : '0') << ',' << common::toString(r.concern) << ','
                << csvField(r.reason) << "\r\n";
        }
    });
    if (!written) {
        std::cerr << "wardvoice-aggregator: " << written.error().message << "\n";
        return 1;
    }
    std::cerr << columns->texts.size() << " comments, " << flagged << " flagged -> " << args.out
              << "\n";
    return 0;
}

} // namespace wardvoice::aggregator
