// demo-seed: synthetic but realistic ward feedback for demonstrations and browser tests.
#include "aggregator/cli/demo_seed.hpp"

#include "aggregator/store/sqlite_store.hpp"
#include "aggregator/themes/linear.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"

#include <cctype>
#include <iostream>
#include <set>

namespace wardvoice::aggregator {

namespace {

// A subject patients write about: how they complain of it and how they praise it.
struct Subject {
    common::Topic topic;
    double weight;         ///< how often, relative to the others
    double recentBoost;    ///< extra weight in the last 30 days (a rising theme)
    const char* ward;      ///< only on this ward, or nullptr for all
    double complaintShare; ///< of its comments, this share complain
    std::vector<const char*> complaints;
    std::vector<const char*> praise;
};

const std::vector<Subject>& subjects() {
    using common::Topic;
    static const std::vector<Subject> list = {
        {Topic::InfectionControl,
         1.0,
         2.5,
         "ward-7",
         0.9,
         {"The hand gel dispensers were empty for most of my stay",
          "No hand gel at the entrance to the bay, the dispenser was empty",
          "hand gel by my bed ran out and wasnt refilled for 2 days",
          "Please refill the hand sanitiser, it was empty again this morning",
          "Couldnt find any hand gel when I visited - all the dispensers were empty",
          "Every gel dispenser on the corridor was empty when I came in"},
         {"Hand gel everywhere and the staff always used it"}},
        {Topic::InfectionControl,
         0.5,
         1.0,
         nullptr,
         0.7,
         {"A nurse did not wash her hands before touching my dressing",
          "Staff didnt clean their hands between patients",
          "I had to ask the doctor to wash his hands"},
         {"I saw staff clean their hands every time they came to the bed",
          "Nurses always washed their hands before touching me"}},
        {Topic::InfectionControl,
         0.9,
         1.0,
         nullptr,
         0.35,
         {"The bathroom was dirty and the bins were overflowing",
          "toilet floor was wet and dirty all day",
          "Dust everywhere behind the beds, nobody cleaned it in a week",
          "The shower was filthy when I arrived"},
         {"The ward was spotless", "Very clean ward, the cleaners work so hard",
          "Clean and tidy every single day", "Spotlessly clean, I felt safe"}},
        {Topic::InfectionControl,
         0.3,
         1.0,
         nullptr,
         0.9,
         {"Some staff were not wearing their masks properly",
          "The doctor had his mask under his nose the whole time"},
         {"Everyone wore masks and aprons"}},
        {Topic::Discharge,
         1.3,
         1.0,
         nullptr,
         0.85,
         {"My discharge letter was late, I waited all afternoon",
          "Waited five hours for the discharge letter",
          "Told I could go home at 10am but the discharge paperwork wasnt ready till 6pm",
          "We waited all day for my dad's discharge summary",
          "Sat in the discharge lounge for hours waiting for a letter"},
         {"Discharge was quick and well organised",
          "The discharge letter explained everything clearly"}},
        {Topic::Discharge,
         0.8,
         1.0,
         "ward-9",
         0.75,
         {"Waited hours for the pharmacy to send my medicines to take home",
          "My tablets to take home were not ready until 8pm",
          "Nobody explained my new medication before I left",
          "Pharmacy took all day with my tablets"},
         {"The nurse explained my tablets really well before I went home",
          "The pharmacist went through all my medicines with me"}},
        {Topic::Discharge,
         1.0,
         1.0,
         nullptr,
         0.75,
         {"Nobody told me who to call if I had a problem at home",
          "No follow up appointment was booked when I left",
          "I didnt know who to contact after discharge, nobody rang",
          "Still waiting for the follow up call I was promised"},
         {"Got a follow up call the day after I went home, very reassuring",
          "They gave me a number to ring if I was worried once home"}},
        {Topic::VisitingHours,
         1.1,
         1.0,
         nullptr,
         0.8,
         {"Visiting ends before working relatives can arrive",
          "Visiting hours end before my husband finishes work",
          "Please make visiting hours longer in the evening for people who work",
          "Visiting is only 2 till 4, impossible if you work full time",
          "My daughter works late and visiting ends at seven"},
         {"Flexible visiting made a real difference to my mum",
          "Lovely that my partner could stay with me"}},
        {Topic::VisitingHours,
         0.8,
         1.0,
         nullptr,
         0.95,
         {"Parking was impossible, no spaces for visitors",
          "The car park is too expensive for daily visits",
          "12 pounds a day to park to visit my wife is a disgrace",
          "Drove round for 40 minutes looking for a parking space", "Parking!"},
         {"Free parking for carers was a big help"}},
        {Topic::General,
         0.9,
         1.0,
         nullptr,
         0.85,
         {"Too noisy at night to sleep", "Machines beeping all night, I could not sleep",
          "Staff talking loudly at night on the ward",
          "The lights were left on all night and it was so noisy", "quieter nights please"},
         {"Nice quiet ward at night, I slept well"}},
        {Topic::General,
         0.8,
         1.0,
         nullptr,
         0.6,
         {"The food was cold when it arrived", "Cold food at lunch and dinner",
          "No vegetarian choice at lunch", "Food was bland and the same every day", "Better food"},
         {"The food was lovely and hot", "Good choice on the menu, even for my diet"}},
        {Topic::General,
         0.7,
         1.0,
         "ward-9",
         0.85,
         {"Waited ages for someone to answer the call bell",
          "Nobody came when I pressed the buzzer at night",
          "The call bell was not answered for twenty minutes",
          "Pressed my buzzer and waited half an hour to get to the toilet"},
         {"They always came quickly when I pressed the buzzer"}},
        {Topic::General,
         0.7,
         1.0,
         nullptr,
         0.95,
         {"More staff", "Not enough nurses on at night",
          "The staff are run off their feet, you need more of them",
          "Short staffed every weekend, the nurses do their best"},
         {}},
        {Topic::General,
         0.5,
         1.0,
         nullptr,
         0.6,
         {"I was left in pain for hours waiting for painkillers",
          "Asked for pain relief three times before anyone brought it"},
         {"My pain was well controlled the whole time"}},
        {Topic::General,
         0.6,
         1.0,
         nullptr,
         0.55,
         {"Nobody explained what was happening with my operation",
          "The doctors never told us the plan, we were kept in the dark"},
         {"The doctor explained everything clearly and answered all my questions",
          "Kept us informed every step of the way"}},
        {Topic::General,
         0.3,
         1.0,
         nullptr,
         1.0,
         {"One of the night nurses was rude and dismissive",
          "A healthcare assistant was very abrupt with my father"},
         {}},
    };
    return list;
}

// Praise in general words and "nothing to improve": the general bucket, not a theme.
const std::vector<const char*>& generalComments() {
    static const std::vector<const char*> list = {
        "Excellent care",
        "Lovely staff, thank you so much",
        "The nurses were kind and friendly",
        "Staff were amazing, thank you all",
        "Excellent care from everyone on the ward",
        "The team were wonderful with my mum",
        "Could not fault anything",
        "Brilliant, thank you",
        "Nothing to improve",
        "Nothing",
        "n/a",
        "All good thanks",
        "Very happy with everything",
        "Everyone was so kind and caring, I cant thank you enough",
        "Keep up the good work",
        "5 stars",
        "",
        "",
        ""};
    return list;
}

const char* const kOpeners[] = {"To be honest ", "I have to say ", "Overall good but ",
                                "Just one thing - ", "My only complaint: "};
const char* const kClosers[] = {"Thank you.",
                                "Otherwise fine.",
                                "Please sort this out.",
                                "Many thanks to the team.",
                                "Apart from that the staff were great.",
                                "Not happy."};
const char* const kPraiseFirst[] = {"The nurses were lovely but ", "Great care overall, however ",
                                    "Staff were kind but "};

// The long story some people write: who they are and what happened, then several subjects.
const char* const kStoryStarts[] = {
    "My mother was admitted after a fall at home and spent nearly three weeks on the ward, and I "
    "visited most evenings after work, so I saw a lot of how things are done.",
    "I was in for eleven days after my operation and I want to give some honest feedback because "
    "some of it was very good and some of it really needs looking at.",
    "As a carer for my husband, who has dementia, I spent a lot of time on the ward during his "
    "stay and there are a few things I think you should know about."};
const char* const kStoryEnds[] = {
    "I know everyone is under a lot of pressure and most of the staff were doing their best, but "
    "these things made a hard time harder for us as a family.",
    "I hope this is useful, I am happy to talk to someone about it if that would help the next "
    "patient.",
    "Overall I am grateful for the care but I would like to know what will change."};

std::string lowerFirst(std::string s) {
    if (!s.empty()) {
        s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    }
    return s;
}

std::string withStop(std::string s, themes::Random& random) {
    if (s.empty() || s.back() == '!' || s.back() == '.') {
        return s;
    }
    return s + (random.unit() < 0.1 ? "!" : ".");
}

struct Drawn {
    common::Topic topic = common::Topic::General;
    std::string comment;
    int rating = 1;
};

// One comment as people write them: a complaint or praise of a subject, sometimes mixed with
// praise or a second subject, with openers, closers, lower case and slips of the keyboard.
Drawn drawComment(const std::string& ward, bool recent, double praiseShare,
                  themes::Random& random) {
    Drawn d;
    const auto& list = subjects();
    if (random.unit() < praiseShare) {
        const auto& g = generalComments();
        d.comment = g[random.below(g.size())];
        d.rating = random.unit() < 0.8 ? 1 : 2;
        if (!d.comment.empty() && random.unit() < 0.7) {
            d.comment = withStop(d.comment, random);
        }
        return d;
    }
    std::vector<double> weights;
    double total = 0;
    for (const auto& s : list) {
        const bool here = s.ward == nullptr || ward == s.ward;
        weights.push_back(here ? s.weight * (recent ? s.recentBoost : 1.0) : 0.0);
        total += weights.back();
    }
    double pick = random.unit() * total;
    std::size_t chosen = 0;
    while (chosen + 1 < list.size() && pick >= weights[chosen]) {
        pick -= weights[chosen++];
    }
    const Subject& s = list[chosen];
    d.topic = s.topic;
    if (random.unit() < 0.03) { // a long story about several things at once
        std::string story = kStoryStarts[random.below(std::size(kStoryStarts))];
        for (int part = 0; part < 3; ++part) {
            const Subject& about = part == 0 ? s : list[random.below(list.size())];
            const bool praise = part == 2 && !about.praise.empty();
            const auto& said = praise || about.complaints.empty() ? about.praise : about.complaints;
            story += std::string(part == 2 && praise ? " On the good side, " : " ") +
                     (part == 2 && praise ? lowerFirst(said[random.below(said.size())])
                                          : std::string(said[random.below(said.size())]));
            story = withStop(story, random);
        }
        story += std::string(" ") + kStoryEnds[random.below(std::size(kStoryEnds))];
        d.comment = std::move(story);
        d.rating = 3 + static_cast<int>(random.below(2));
        return d;
    }
    const bool complaint = s.praise.empty() || random.unit() < s.complaintShare;
    const auto& phrases = complaint ? s.complaints : s.praise;
    std::string text = phrases[random.below(phrases.size())];
    if (complaint) {
        d.rating = 3 + static_cast<int>(random.below(3));
        const double style = random.unit();
        if (style < 0.15) {
            text = kPraiseFirst[random.below(std::size(kPraiseFirst))] + lowerFirst(text);
            d.rating = 2 + static_cast<int>(random.below(2));
        } else if (style < 0.25) {
            text = kOpeners[random.below(std::size(kOpeners))] + lowerFirst(text);
        }
        text = withStop(text, random);
        if (random.unit() < 0.25) {
            text += std::string(" ") + kClosers[random.below(std::size(kClosers))];
        }
        if (random.unit() < 0.1) { // a second thing on the same card
            const Subject& other = list[random.below(list.size())];
            if (!other.complaints.empty() && &other != &s) {
                text += " Also " +
                        lowerFirst(withStop(other.complaints[random.below(other.complaints.size())],
                                            random));
            }
        }
    } else {
        d.rating = random.unit() < 0.7 ? 1 : 2;
        text = withStop(text, random);
        if (random.unit() < 0.3) {
            text += " Thank you.";
        }
    }
    if (random.unit() < 0.12) {
        for (char& c : text) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        while (!text.empty() && (text.back() == '.' || text.back() == '!')) {
            text.pop_back();
        }
    }
    if (random.unit() < 0.2) {
        text = keyboardSlip(text, random);
    }
    d.comment = std::move(text);
    return d;
}

const char* const kWards[] = {"ward-7", "ward-9", "maternity", "childrens"};
/// What staff call them (`ward add --name`).
const char* const kWardNames[] = {"Ward 7 (elderly care)", "Ward 9 (surgery)", "Maternity unit",
                                  "Children's ward"};

} // namespace

std::string keyboardSlip(std::string s, themes::Random& random) {
    if (s.size() < 8) {
        return s;
    }
    const std::size_t at = 1 + random.below(s.size() - 2);
    if (!std::isalpha(static_cast<unsigned char>(s[at])) ||
        !std::isalpha(static_cast<unsigned char>(s[at - 1]))) {
        return s;
    }
    switch (random.below(3)) {
    case 0:
        s.erase(at, 1);
        break;
    case 1:
        std::swap(s[at], s[at - 1]);
        break;
    default:
        s.insert(at, 1, s[at]);
    }
    return s;
}

int runDemoSeed(const std::string& dbPath, int days) {
    auto store = SqliteStore::openCreatingFolder(dbPath);
    if (!store) {
        std::cerr << "wardvoice-aggregator: " << store.error().message << "\n";
        return 1;
    }
    auto count = store->countSubmissions();
    if (!count || count.value() > 0) {
        std::cerr << "wardvoice-aggregator: demo-seed only fills an empty database; " << dbPath
                  << " already holds submissions\n";
        return 1;
    }
    auto kiosks = store->listKiosks();
    if (!kiosks) {
        std::cerr << "wardvoice-aggregator: " << kiosks.error().message << "\n";
        return 1;
    }
    std::map<std::string, std::string> kioskOf;
    for (const auto& k : kiosks.value()) {
        kioskOf.emplace(k.ward, k.kioskId);
    }
    for (std::size_t w = 0; w < std::size(kWards); ++w) {
        const char* ward = kWards[w];
        if (auto s = store->setWardName(ward, kWardNames[w], common::nowUnix()); !s) {
            std::cerr << "wardvoice-aggregator: " << s.error().message << "\n";
            return 1;
        }
        if (!kioskOf.count(ward)) {
            auto k = store->addKiosk(ward, std::string(ward) + " corridor");
            if (!k) {
                std::cerr << "wardvoice-aggregator: " << k.error().message << "\n";
                return 1;
            }
            kioskOf[ward] = k->kioskId;
        }
    }
    themes::Random random(2026);
    const std::int64_t now = common::nowUnix();
    std::size_t stored = 0;
    std::set<std::string> handled; ///< comments made more than two weeks ago
    for (const char* ward : kWards) {
        std::vector<common::Submission> batch;
        const int perDay = std::string(ward) == "ward-7"   ? 9
                           : std::string(ward) == "ward-9" ? 7
                                                           : 4;
        for (int day = days; day >= 0; --day) {
            const bool recent = day < 30;
            // what a trust sees over the years: ward 7 got better once its gel and its nights
            // were seen to, about seven months ago; maternity has been slipping since spring
            double praise = 0.32;
            if (std::string(ward) == "ward-7" && day < 210) {
                praise += 0.16;
            }
            if (std::string(ward) == "maternity" && day < 170) {
                praise -= 0.12;
            }
            const int today = perDay + static_cast<int>(random.below(3)) - 1;
            for (int n = 0; n < today; ++n) {
                const Drawn drawn = drawComment(ward, recent, praise, random);
                common::Submission s;
                s.id = common::newUuid();
                const std::int64_t at =
                    now - day * 86400 - static_cast<std::int64_t>(random.below(50000));
                s.createdAt = common::formatRfc3339(std::min(at, now - 60));
                s.ward = ward;
                s.respondent = static_cast<common::Respondent>(random.below(4));
                s.topic = drawn.topic;
                s.rating = drawn.rating;
                s.comment = drawn.comment;
                s.language = "en";
                batch.push_back(std::move(s));
            }
        }
        for (const auto& s : batch) {
            const auto t = common::parseRfc3339(s.createdAt);
            if (t && now - t.value() > 14 * 86400) {
                handled.insert(s.id);
            }
        }
        auto result = store->ingest(kioskOf[ward], batch, now);
        if (!result) {
            std::cerr << "wardvoice-aggregator: " << result.error().message << "\n";
            return 1;
        }
        stored += result->accepted.size();
    }
    // the safeguarding alerts of comments made weeks ago were seen to at the time
    AlertQuery open;
    open.wards.assign(std::begin(kWards), std::end(kWards));
    open.limit = 100'000;
    auto alerts = store->listAlerts(open);
    if (!alerts) {
        std::cerr << "wardvoice-aggregator: " << alerts.error().message << "\n";
        return 1;
    }
    for (const auto& a : alerts.value()) {
        if (a.status == "resolved" || !handled.count(a.submissionId)) {
            continue;
        }
        AlertChange done{"resolved", "Seen to at the time (demo data)", false, "demo", now};
        if (auto st = store->changeAlert(a.id, done); !st) {
            std::cerr << "wardvoice-aggregator: " << st.error().message << "\n";
            return 1;
        }
    }
    std::cout << "seeded " << stored << " demo submissions over " << days << " days on "
              << std::size(kWards) << " wards\n";
    return 0;
}

} // namespace wardvoice::aggregator
