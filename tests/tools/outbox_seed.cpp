// Test tool: puts N valid submissions for WARD into the kiosk outbox under DATA_DIR.
#include "common/timeutil.hpp"
#include "common/uuid.hpp"
#include "kiosk/outbox.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace wardvoice;
    if (argc != 4) {
        std::cerr << "usage: outbox_seed DATA_DIR WARD COUNT\n";
        return 2;
    }
    auto box = kiosk::Outbox::open(argv[1]);
    if (!box) {
        std::cerr << box.error().message << "\n";
        return 1;
    }
    const long count = std::stol(argv[3]);
    std::vector<common::Submission> all;
    for (long i = 0; i < count; ++i) {
        common::Submission s;
        s.id = common::newUuid();
        s.createdAt = common::formatRfc3339(common::nowUnix() - 60);
        s.ward = argv[2];
        s.respondent = common::kAllRespondents[i % 4];
        s.topic = common::kAllTopics[i % 4];
        s.rating = static_cast<int>(i % 6) + 1;
        s.comment = "Seeded comment number " + std::to_string(i) +
                    ": the ward was clean and staff were kind";
        s.language = "en";
        all.push_back(std::move(s));
    }
    if (auto st = box->storeAll(all); !st) {
        std::cerr << st.error().message << "\n";
        return 1;
    }
    return 0;
}
