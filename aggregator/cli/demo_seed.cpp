// demo-seed: synthetic but realistic ward feedback for demonstrations and browser tests.
#include "aggregator/cli/demo_seed.hpp"

#include "aggregator/store/sqlite_store.hpp"
#include "aggregator/themes/linear.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"

#include <iostream>

namespace wardvoice::aggregator {

namespace {

struct Template {
    common::Topic topic;
    int ratingLow; ///< ratings are drawn from [low, high]
    int ratingHigh;
    double weight;      ///< how often, relative to the others
    double recentBoost; ///< extra weight in the last 30 days (a rising theme)
    const char* ward;   ///< only on this ward, or nullptr for all
    std::vector<const char*> comments;
};

const std::vector<Template>& templates() {
    using common::Topic;
    static const std::vector<Template> list = {
        {Topic::InfectionControl,
         3,
         5,
         1.0,
         2.5,
         "ward-7",
         {"The hand gel dispensers were empty for most of my stay.",
          "No hand gel at the entrance to the bay, the dispenser was empty.",
          "Hand gel dispenser by my bed was empty for two days.",
          "Please refill the hand gel, it was empty again this morning.",
          "I could not find any hand gel when I visited, dispensers empty."}},
        {Topic::InfectionControl,
         1,
         2,
         1.2,
         1.0,
         nullptr,
         {"I saw staff clean their hands every time.", "The ward was spotless and very clean.",
          "Nurses always used the hand gel before touching me.", "Very clean ward, thank you."}},
        {Topic::Discharge,
         3,
         5,
         1.3,
         1.0,
         nullptr,
         {"My discharge letter was late, I waited all afternoon.",
          "Waited five hours for the discharge letter and my medication.",
          "The discharge letter came very late in the evening.",
          "We waited all day for my dad's discharge paperwork."}},
        {Topic::Discharge,
         2,
         4,
         1.0,
         1.0,
         nullptr,
         {"Nobody told me who to call if I have a problem at home.",
          "I was not sure who to contact after going home.",
          "No follow up appointment was booked when I left.",
          "I did not know which tablets to stop when I got home."}},
        {Topic::Discharge,
         3,
         5,
         0.8,
         1.0,
         "ward-9",
         {"Waited hours for the pharmacy to send my medicines to take home.",
          "Pharmacy took all day with my tablets to take home.",
          "My medicines to take home were not ready until 8pm."}},
        {Topic::VisitingHours,
         3,
         5,
         1.1,
         1.0,
         nullptr,
         {"Visiting ends before working relatives can arrive.",
          "Visiting hours end before my husband finishes work.",
          "Please make visiting hours longer in the evening for people who work.",
          "My daughter works late and visiting ends at seven."}},
        {Topic::VisitingHours,
         1,
         2,
         0.6,
         1.0,
         "maternity",
         {"Lovely that my partner could stay with me.",
          "Open visiting for partners made a real difference."}},
        {Topic::General,
         1,
         1,
         2.0,
         1.0,
         nullptr,
         {"The nurses were kind and friendly.", "Lovely friendly staff, thank you so much.",
          "Staff were caring and always had time for me.",
          "Excellent care from everyone on the ward.", "The team were wonderful with my mum."}},
        {Topic::General,
         3,
         5,
         0.9,
         1.0,
         nullptr,
         {"Too noisy at night to sleep.", "Machines beeping all night, I could not sleep.",
          "Staff talking loudly at night on the ward."}},
        {Topic::General,
         3,
         5,
         0.8,
         1.0,
         nullptr,
         {"The food was cold when it arrived.", "Cold food at lunch and dinner.",
          "No vegetarian choice at lunch and the food was cold."}},
        {Topic::General,
         3,
         5,
         0.7,
         1.0,
         "ward-9",
         {"Waited ages for someone to answer the call bell.",
          "Nobody came when I pressed the buzzer at night.",
          "The call bell was not answered for twenty minutes."}},
        {Topic::General,
         3,
         4,
         0.5,
         1.0,
         nullptr,
         {"Parking was impossible, no spaces for visitors.",
          "The car park is too expensive for daily visits."}},
        {Topic::General, 1, 3, 0.6, 1.0, nullptr, {"", "", "Nothing to add.", "All good."}},
    };
    return list;
}

const char* const kWards[] = {"ward-7", "ward-9", "maternity", "childrens"};

} // namespace

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
    for (const char* ward : kWards) {
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
    const auto& list = templates();
    std::size_t stored = 0;
    for (const char* ward : kWards) {
        std::vector<common::Submission> batch;
        const int perDay = std::string(ward) == "ward-7"   ? 9
                           : std::string(ward) == "ward-9" ? 7
                                                           : 4;
        for (int day = days; day >= 0; --day) {
            const bool recent = day < 30;
            for (int n = 0; n < perDay; ++n) {
                double total = 0;
                std::vector<double> weights;
                for (const auto& t : list) {
                    const bool here = t.ward == nullptr || std::string(t.ward) == ward;
                    weights.push_back(here ? t.weight * (recent ? t.recentBoost : 1.0) : 0.0);
                    total += weights.back();
                }
                double pick = random.unit() * total;
                std::size_t chosen = 0;
                while (chosen + 1 < list.size() && pick >= weights[chosen]) {
                    pick -= weights[chosen++];
                }
                const Template& t = list[chosen];
                common::Submission s;
                s.id = common::newUuid();
                const std::int64_t at =
                    now - day * 86400 - static_cast<std::int64_t>(random.below(50000));
                s.createdAt = common::formatRfc3339(std::min(at, now - 60));
                s.ward = ward;
                s.respondent = static_cast<common::Respondent>(random.below(4));
                s.topic = t.topic;
                s.rating = t.ratingLow + static_cast<int>(random.below(static_cast<std::size_t>(
                                             t.ratingHigh - t.ratingLow + 1)));
                s.comment = t.comments[random.below(t.comments.size())];
                s.language = "en";
                batch.push_back(std::move(s));
            }
        }
        auto result = store->ingest(kioskOf[ward], batch, now);
        if (!result) {
            std::cerr << "wardvoice-aggregator: " << result.error().message << "\n";
            return 1;
        }
        stored += result->accepted.size();
    }
    std::cout << "seeded " << stored << " demo submissions over " << days << " days on "
              << std::size(kWards) << " wards\n";
    return 0;
}

} // namespace wardvoice::aggregator
