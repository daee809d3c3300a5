// Staff sub-commands: user add/list/disable, ward add/list, agenda, fft-return.
#include "aggregator/cli/staff_commands.hpp"

#include "aggregator/agenda/export.hpp"
#include "aggregator/agenda/insights.hpp"
#include "aggregator/agenda/poster.hpp"
#include "aggregator/api/staff_auth.hpp"
#include "aggregator/cli/csv.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/model.hpp"
#include "common/timeutil.hpp"
#include "common/utf8.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>

namespace wardvoice::aggregator {

namespace {

int fail(const std::string& message) {
    std::cerr << "wardvoice-aggregator: " << message << "\n";
    return 1;
}

int userAdd(Store& store, const StaffCommands& c) {
    const auto role = roleFromString(c.role);
    if (!role) {
        return fail("--role must be admin, panel_chair, ward_manager or panel_member");
    }
    if (c.name.empty() || c.name.size() > 64 || !common::utf8::isValid(c.name) ||
        c.name.find_first_of(" \t\r\n") != std::string::npos) {
        return fail("--name must be 1-64 characters without spaces");
    }
    for (const auto& w : c.wards) {
        if (!common::isIdentifier(w)) {
            return fail("--ward " + w + " is not a ward identifier");
        }
    }
    if (*role == Role::WardManager && c.wards.empty()) {
        return fail("a ward_manager needs at least one --ward");
    }
    if (!c.passwordStdin) {
        return fail("give the password on standard input with --password-stdin");
    }
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();
    }
    if (common::utf8::length(password) < kMinPasswordLength) {
        return fail("the password must have at least " + std::to_string(kMinPasswordLength) +
                    " characters");
    }
    auto hash = hashPassword(password);
    if (!hash) {
        return fail(hash.error().message);
    }
    UserRecord user;
    user.name = c.name;
    user.role = *role;
    // a panel member's --ward: the wards their panel looks after (none: the trust's panel)
    user.wards = *role == Role::WardManager || *role == Role::PanelMember
                     ? c.wards
                     : std::vector<std::string>{};
    user.passwordHash = hash.value();
    user.createdAt = common::nowUnix();
    if (auto s = store.addUser(user); !s) {
        return fail(s.error().message);
    }
    std::cout << "added " << c.role << " " << c.name << "\n";
    return 0;
}

int userList(Store& store, bool asJson) {
    auto users = store.listUsers();
    if (!users) {
        return fail(users.error().message);
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& u : users.value()) {
        if (asJson) {
            out.push_back({{"name", u.name},
                           {"role", std::string(toString(u.role))},
                           {"wards", u.wards},
                           {"disabled", u.disabledAt.has_value()}});
        } else {
            std::string wards;
            for (const auto& w : u.wards) {
                wards += (wards.empty() ? "" : ",") + w;
            }
            std::cout << u.name << "\t" << toString(u.role) << "\t" << (wards.empty() ? "-" : wards)
                      << "\t" << (u.disabledAt ? "disabled" : "active") << "\n";
        }
    }
    if (asJson) {
        std::cout << out.dump() << "\n";
    }
    return 0;
}

/// Runs `use` with the themes of what is stored: the CLI has no background worker, so the
/// theme work is done here first.
int withInsights(Store& store, const std::string& assetsDir,
                 const std::function<int(Insights&)>& use) {
    auto model = themes::CommentModel::load(assetsDir + "/models/comments.wvm");
    if (!model) {
        return fail(model.error().message);
    }
    ThemeServiceOptions quiet;
    quiet.log = false;
    ThemeService service(store, model.value(), quiet);
    if (auto s = service.settle(); !s) {
        return fail(s.error().message);
    }
    Insights insights(store, service);
    return use(insights);
}

int poster(Store& store, const StaffCommands& c) {
    if (!common::isIdentifier(c.ward)) {
        return fail("--ward must be a ward identifier");
    }
    if (!monthRange(c.month)) {
        return fail("--month must be YYYY-MM");
    }
    return withInsights(store, c.assetsDir, [&](Insights& insights) {
        auto content = posterContent(store, insights, c.ward, c.month);
        auto pdf = content ? posterPdf(content.value(), c.join.empty() ? kDefaultPanelJoin : c.join)
                           : common::Result<std::string>(content.error());
        if (!pdf) {
            return fail(pdf.error().message);
        }
        if (auto s = writeFileAtomically(c.out, [&](std::ostream& out) { out << pdf.value(); });
            !s) {
            return fail(s.error().message);
        }
        std::cout << "wrote " << c.out << " (" << pdf.value().size() << " bytes)\n";
        return 0;
    });
}

int agenda(Store& store, const StaffCommands& c) {
    if (c.format != "md" && c.format != "csv") {
        return fail("--format must be md or csv");
    }
    auto since = common::parseDateOrTime(c.since);
    auto until = common::parseDateOrTime(c.until);
    if (!since || !until || since.value() >= until.value()) {
        return fail("--since and --until must be dates (YYYY-MM-DD), since before until");
    }
    const std::string sinceDate = common::formatRfc3339(since.value()).substr(0, 10);
    const std::string untilDate = common::formatRfc3339(until.value()).substr(0, 10);
    auto items = store.listAgendaItems(sinceDate, untilDate);
    if (!items) {
        return fail(items.error().message);
    }
    std::vector<AgendaItem> list = items.value();
    if (list.empty()) {
        // No agenda yet for the period: propose the ten highest-ranked themes.
        auto wards = store.listWards();
        if (!wards) {
            return fail(wards.error().message);
        }
        const int failed = withInsights(store, c.assetsDir, [&](Insights& insights) {
            auto result = insights.themes(
                {wards.value(), std::nullopt, since.value(), until.value()}, common::nowUnix());
            if (!result) {
                return fail(result.error().message);
            }
            for (std::size_t i = 0; i < result->themes.size() && i < 10; ++i) {
                AgendaItem item;
                item.id = static_cast<std::int64_t>(i + 1);
                item.title = result->themes[i].label;
                item.status = "proposed";
                item.evidence = Insights::toJson(result->themes[i]).dump();
                list.push_back(std::move(item));
            }
            return 0;
        });
        if (failed != 0) {
            return failed;
        }
    }
    std::cout << (c.format == "md" ? agendaMarkdown(list, sinceDate, untilDate) : agendaCsv(list));
    return 0;
}

int fftReturn(Store& store, const std::string& month) {
    const auto range = monthRange(month);
    if (!range) {
        return fail("--month must be YYYY-MM");
    }
    auto wards = store.listWards();
    if (!wards) {
        return fail(wards.error().message);
    }
    auto counts = fftCounts(store, wards.value(), range->first, range->second);
    if (!counts) {
        return fail(counts.error().message);
    }
    std::cout << fftReturnCsv(counts.value());
    return 0;
}

/// A display name: 1-80 characters of UTF-8 text with no control characters.
bool isWardName(const std::string& name) {
    if (name.empty() || !common::utf8::isValid(name) || common::utf8::length(name) > 80) {
        return false;
    }
    return std::none_of(name.begin(), name.end(), [](char ch) {
        const auto u = static_cast<unsigned char>(ch);
        return u < 0x20 || u == 0x7f;
    });
}

int wardAdd(Store& store, const StaffCommands& c) {
    if (!common::isIdentifier(c.ward)) {
        return fail("WARD must be a ward identifier (letters, digits, '-', '_', '.')");
    }
    if (!isWardName(c.name)) {
        return fail("--name must be 1-80 characters without control characters");
    }
    if (auto s = store.setWardName(c.ward, c.name, common::nowUnix()); !s) {
        return fail(s.error().message);
    }
    std::cout << "ward " << c.ward << " is shown as \"" << c.name << "\"\n";
    return 0;
}

int wardList(Store& store, bool asJson) {
    auto wards = store.listWards();
    auto names = store.wardNames();
    if (!wards || !names) {
        return fail(!wards ? wards.error().message : names.error().message);
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& w : wards.value()) {
        const auto it = names->find(w);
        const std::string name = it == names->end() ? "" : it->second;
        if (asJson) {
            out.push_back({{"ward", w}, {"name", name}});
        } else {
            std::cout << w << "\t" << name << "\n";
        }
    }
    if (asJson) {
        std::cout << out.dump() << "\n";
    }
    return 0;
}

} // namespace

void addStaffCommands(CLI::App& app, StaffCommands& c) {
    auto* user = app.add_subcommand("user", "add, list and disable staff accounts");
    user->require_subcommand(1);
    c.userAdd = user->add_subcommand("add", "add a staff account (password on stdin)");
    c.userAdd->add_option("--db", c.dbPath, "SQLite database file")->capture_default_str();
    c.userAdd->add_option("--name", c.name, "login name")->required();
    c.userAdd->add_option("--role", c.role, "admin, panel_chair, ward_manager or panel_member")
        ->required();
    c.userAdd->add_option("--ward", c.wards, "a ward this ward manager sees (repeat)");
    c.userAdd->add_flag("--password-stdin", c.passwordStdin, "read the password from stdin");
    c.userList = user->add_subcommand("list", "list staff accounts");
    c.userList->add_option("--db", c.dbPath, "SQLite database file")->capture_default_str();
    c.userList->add_flag("--json", c.asJson, "print a JSON array");
    c.userDisable = user->add_subcommand("disable", "disable an account and end its sessions");
    c.userDisable->add_option("--db", c.dbPath, "SQLite database file")->capture_default_str();
    c.userDisable->add_option("NAME", c.name, "login name")->required();

    auto* ward = app.add_subcommand("ward", "name and list wards");
    ward->require_subcommand(1);
    c.wardAdd = ward->add_subcommand("add", "give a ward the name staff know it by");
    c.wardAdd->add_option("--db", c.dbPath, "SQLite database file")->capture_default_str();
    c.wardAdd->add_option("WARD,--ward", c.ward, "the ward's id, as kiosks send it")->required();
    c.wardAdd->add_option("--name", c.name, "its display name (at most 80 characters)")->required();
    c.wardList = ward->add_subcommand("list", "list wards with their names");
    c.wardList->add_option("--db", c.dbPath, "SQLite database file")->capture_default_str();
    c.wardList->add_flag("--json", c.asJson, "print a JSON array of {ward, name}");

    c.agenda = app.add_subcommand("agenda", "print the panel agenda of a period");
    c.agenda->add_option("--db", c.dbPath, "SQLite database file")->capture_default_str();
    c.agenda->add_option("--since", c.since, "YYYY-MM-DD, inclusive")->required();
    c.agenda->add_option("--until", c.until, "YYYY-MM-DD, exclusive")->required();
    c.agenda->add_option("--format", c.format, "md or csv")->required();
    c.agenda->add_option("--assets", c.assetsDir, "assets folder")->capture_default_str();

    c.fftReturn = app.add_subcommand("fft-return", "FFT monthly return: answers per ward (CSV)");
    c.fftReturn->add_option("--db", c.dbPath, "SQLite database file")->capture_default_str();
    c.fftReturn->add_option("--month", c.month, "YYYY-MM")->required();

    c.poster = app.add_subcommand("poster", "the ward's A4 poster of a month (PDF)");
    c.poster->add_option("--db", c.dbPath, "SQLite database file")->capture_default_str();
    c.poster->add_option("--ward", c.ward, "the ward")->required();
    c.poster->add_option("--month", c.month, "YYYY-MM")->required();
    c.poster->add_option("--out", c.out, "the PDF file to write")->required();
    c.poster
        ->add_option("--join", c.join,
                     "how to join the patient and carer panel, in the trust's words (at most 600 "
                     "characters)")
        ->check(panelJoinValidator());
    c.poster->add_option("--assets", c.assetsDir, "assets folder")->capture_default_str();
}

CLI::Validator panelJoinValidator() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            auto words = panelJoinWords(text);
            if (!words) {
                return words.error().message;
            }
            text = std::move(words).value();
            return "";
        },
        "TEXT");
}

std::optional<int> runStaffCommands(const StaffCommands& c) {
    const bool any = *c.userAdd || *c.userList || *c.userDisable || *c.wardAdd || *c.wardList ||
                     *c.agenda || *c.fftReturn || *c.poster;
    if (!any) {
        return std::nullopt;
    }
    auto store = SqliteStore::openCreatingFolder(c.dbPath);
    if (!store) {
        return fail(store.error().message);
    }
    if (*c.userAdd) {
        return userAdd(store.value(), c);
    }
    if (*c.userList) {
        return userList(store.value(), c.asJson);
    }
    if (*c.userDisable) {
        if (auto s = store->disableUser(c.name, common::nowUnix()); !s) {
            return fail(s.error().message);
        }
        std::cout << "disabled " << c.name << "\n";
        return 0;
    }
    if (*c.wardAdd) {
        return wardAdd(store.value(), c);
    }
    if (*c.wardList) {
        return wardList(store.value(), c.asJson);
    }
    if (*c.agenda) {
        return agenda(store.value(), c);
    }
    if (*c.poster) {
        return poster(store.value(), c);
    }
    return fftReturn(store.value(), c.month);
}

} // namespace wardvoice::aggregator
