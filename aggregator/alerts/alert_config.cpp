// The [alerts] part of the aggregator's config file, and the routing it decides.
#include "aggregator/alerts/alert_config.hpp"

#include "common/model.hpp"
#include "common/safeguarding.hpp"

#include <algorithm>
#include <ctime>
#include <set>

namespace wardvoice::aggregator::alerts {
namespace {

using common::makeError;

common::Error keyError(const std::string& origin, const std::string& key, const std::string& what) {
    return makeError("bad_config", origin + ": key '" + key + "' " + what);
}

/// Refuses any key of `table` not in `known`, naming it.
common::Status onlyKnown(const toml::table& table, std::initializer_list<const char*> known,
                         const std::string& origin, const std::string& prefix) {
    for (const auto& [key, value] : table) {
        const std::string name(key.str());
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return name == k; })) {
            return keyError(origin, prefix + name, "is not a known setting (typo?)");
        }
    }
    return {};
}

common::Status readString(const toml::table& t, const char* key, std::string& out,
                          const std::string& origin, const std::string& prefix) {
    if (const toml::node* node = t.get(key)) {
        const auto value = node->value<std::string>();
        if (!value) {
            return keyError(origin, prefix + key, "must be a string");
        }
        out = *value;
    }
    return {};
}

/// A string or a list of strings.
common::Status readList(const toml::table& t, const char* key, std::vector<std::string>& out,
                        const std::string& origin, const std::string& prefix) {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
        return {};
    }
    if (const auto one = node->value<std::string>()) {
        out = {*one};
        return {};
    }
    const toml::array* list = node->as_array();
    if (list == nullptr) {
        return keyError(origin, prefix + key, "must be a string or a list of strings");
    }
    out.clear();
    for (const toml::node& item : *list) {
        const auto value = item.value<std::string>();
        if (!value) {
            return keyError(origin, prefix + key, "must hold strings only");
        }
        out.push_back(*value);
    }
    return {};
}

common::Status readInt(const toml::table& t, const char* key, int& out, int min, int max,
                       const std::string& origin, const std::string& prefix) {
    if (const toml::node* node = t.get(key)) {
        const auto value = node->value_exact<std::int64_t>();
        if (!value || *value < min || *value > max) {
            return keyError(origin, prefix + key,
                            "must be a whole number from " + std::to_string(min) + " to " +
                                std::to_string(max));
        }
        out = static_cast<int>(*value);
    }
    return {};
}

bool isHttpUrl(const std::string& url) {
    return (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) && url.size() > 8 &&
           url.find_first_of(" \r\n\t") == std::string::npos;
}

/// "HH:MM-HH:MM" in minutes since midnight.
bool parseHours(const std::string& text, int& start, int& end) {
    int h1 = 0;
    int m1 = 0;
    int h2 = 0;
    int m2 = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%2d:%2d-%2d:%2d%c", &h1, &m1, &h2, &m2, &tail) != 4 || h1 > 23 ||
        h2 > 24 || m1 > 59 || m2 > 59 || h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) {
        return false;
    }
    start = h1 * 60 + m1;
    end = h2 * 60 + m2;
    return start < end && end <= 24 * 60;
}

common::Result<Route> parseRoute(const toml::table& t, const std::string& origin,
                                 const std::string& prefix) {
    if (auto s = onlyKnown(t,
                           {"wards", "classes", "email", "webhook_url", "webhook_secret",
                            "escalate_after_min", "escalate_to", "when"},
                           origin, prefix);
        !s) {
        return s.error();
    }
    Route r;
    for (auto s :
         {readList(t, "wards", r.wards, origin, prefix),
          readList(t, "classes", r.classes, origin, prefix),
          readList(t, "email", r.email, origin, prefix),
          readString(t, "webhook_url", r.webhookUrl, origin, prefix),
          readString(t, "webhook_secret", r.webhookSecret, origin, prefix),
          readInt(t, "escalate_after_min", r.escalateAfterMin, 1, 7 * 24 * 60, origin, prefix),
          readList(t, "escalate_to", r.escalateTo, origin, prefix),
          readString(t, "when", r.when, origin, prefix)}) {
        if (!s) {
            return s.error();
        }
    }
    for (const auto& w : r.wards) {
        if (w != "*" && !common::isIdentifier(w)) {
            return keyError(origin, prefix + "wards",
                            "holds \"" + w + "\", not a ward id or \"*\"");
        }
    }
    for (const auto& c : r.classes) {
        const auto cls = common::concernClassFromString(c);
        if (!cls || *cls == common::ConcernClass::None) {
            return keyError(origin, prefix + "classes",
                            "holds \"" + c +
                                "\"; classes are self_harm, harm_abuse, neglect_unsafe, "
                                "complaint_intent");
        }
    }
    for (const auto* list : {&r.email, &r.escalateTo}) {
        for (const auto& a : *list) {
            if (!isEmailAddress(a)) {
                return keyError(origin, prefix + (list == &r.email ? "email" : "escalate_to"),
                                "holds \"" + a + "\", not an e-mail address");
            }
        }
    }
    if (!r.webhookUrl.empty() && !isHttpUrl(r.webhookUrl)) {
        return keyError(origin, prefix + "webhook_url", "must start with http:// or https://");
    }
    if (!r.webhookUrl.empty() && r.webhookSecret.size() < 16) {
        return keyError(origin, prefix + "webhook_secret",
                        "must be set (16 characters or more) when webhook_url is: the receiver "
                        "checks the signature with it");
    }
    if (r.email.empty() && r.webhookUrl.empty()) {
        return keyError(origin, prefix + "email",
                        "or webhook_url must be set: a route must tell someone");
    }
    if (r.when != "always" && r.when != "in_hours" && r.when != "out_of_hours") {
        return keyError(origin, prefix + "when",
                        "must be \"always\", \"in_hours\" or "
                        "\"out_of_hours\"");
    }
    return r;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

AlertDelivery delivery(const AlertRecord& alert, const char* stage, std::size_t route,
                       const char* channel, const std::string& target, std::int64_t now) {
    AlertDelivery d;
    d.alertId = alert.id;
    d.stage = stage;
    d.route = static_cast<int>(route);
    d.channel = channel;
    d.target = target;
    d.dueAt = now;
    return d;
}

} // namespace

bool isEmailAddress(const std::string& address) {
    const auto at = address.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= address.size() || address.size() > 254 ||
        address.find('@', at + 1) != std::string::npos) {
        return false;
    }
    for (unsigned char c : address) {
        if (c <= ' ' || c >= 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
            c == '(' || c == ')' || c == '[' || c == ']' || c == '\\') {
            return false;
        }
    }
    const std::string domain = address.substr(at + 1);
    return domain.find('.') != std::string::npos && domain.front() != '.' && domain.back() != '.';
}

common::Result<Settings> parseSettings(const toml::table& t, const std::string& origin) {
    const std::string prefix = "alerts.";
    if (auto s = onlyKnown(t,
                           {"smtp_url", "smtp_user", "smtp_password", "smtp_tls", "ca_file", "from",
                            "dashboard_url", "in_hours", "in_hours_days", "retry_min_s",
                            "retry_max_s", "route"},
                           origin, prefix);
        !s) {
        return s.error();
    }
    Settings out;
    std::string inHours;
    std::vector<std::string> days;
    for (auto s : {readString(t, "smtp_url", out.smtpUrl, origin, prefix),
                   readString(t, "smtp_user", out.smtpUser, origin, prefix),
                   readString(t, "smtp_password", out.smtpPassword, origin, prefix),
                   readString(t, "smtp_tls", out.smtpTls, origin, prefix),
                   readString(t, "ca_file", out.caFile, origin, prefix),
                   readString(t, "from", out.from, origin, prefix),
                   readString(t, "dashboard_url", out.dashboardUrl, origin, prefix),
                   readString(t, "in_hours", inHours, origin, prefix),
                   readList(t, "in_hours_days", days, origin, prefix),
                   readInt(t, "retry_min_s", out.retryMinS, 1, 3600, origin, prefix),
                   readInt(t, "retry_max_s", out.retryMaxS, 1, 86400, origin, prefix)}) {
        if (!s) {
            return s.error();
        }
    }
    if (!inHours.empty() && !parseHours(inHours, out.inHoursStartMin, out.inHoursEndMin)) {
        return keyError(origin, prefix + "in_hours", "must be like \"08:00-18:00\"");
    }
    if (t.get("in_hours_days") != nullptr) {
        static const char* const kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
        out.inHoursDays.clear();
        for (const auto& d : days) {
            const auto it = std::find_if(std::begin(kDays), std::end(kDays),
                                         [&](const char* k) { return d == k; });
            if (it == std::end(kDays)) {
                return keyError(origin, prefix + "in_hours_days",
                                "holds \"" + d + "\"; days are mon, tue, wed, thu, fri, sat, sun");
            }
            out.inHoursDays.push_back(static_cast<int>(it - std::begin(kDays)));
        }
    }
    if (out.retryMaxS < out.retryMinS) {
        return keyError(origin, prefix + "retry_max_s", "must not be less than retry_min_s");
    }
    if (out.smtpTls != "try" && out.smtpTls != "required") {
        return keyError(origin, prefix + "smtp_tls", "must be \"try\" or \"required\"");
    }
    if (const toml::node* node = t.get("route")) {
        const toml::array* list = node->as_array();
        if (list == nullptr) {
            return keyError(origin, prefix + "route",
                            "must be an array of tables: write [[alerts.route]]");
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
            const toml::table* table = (*list)[i].as_table();
            const std::string where = prefix + "route[" + std::to_string(i) + "].";
            if (table == nullptr) {
                return keyError(origin, prefix + "route", "must be an array of tables");
            }
            auto route = parseRoute(*table, origin, where);
            if (!route) {
                return route.error();
            }
            out.routes.push_back(std::move(route.value()));
        }
    }
    const bool anyEmail = std::any_of(out.routes.begin(), out.routes.end(), [](const Route& r) {
        return !r.email.empty() || !r.escalateTo.empty();
    });
    if (anyEmail) {
        if (out.smtpUrl.rfind("smtp://", 0) != 0 && out.smtpUrl.rfind("smtps://", 0) != 0) {
            return keyError(origin, prefix + "smtp_url",
                            "must be smtp://host[:port] or smtps://host[:port] when a route "
                            "sends e-mail");
        }
        if (!isEmailAddress(out.from)) {
            return keyError(origin, prefix + "from",
                            "must be the sender's e-mail address when a route sends e-mail");
        }
    }
    if (!out.routes.empty() && !isHttpUrl(out.dashboardUrl)) {
        return keyError(origin, prefix + "dashboard_url",
                        "must be the dashboard's address (http:// or https://): every alert "
                        "links to it");
    }
    while (!out.dashboardUrl.empty() && out.dashboardUrl.back() == '/') {
        out.dashboardUrl.pop_back();
    }
    return out;
}

bool routeTakes(const Settings& settings, const Route& route, const std::string& ward,
                const std::string& concern, std::int64_t raisedAt) {
    if (!route.wards.empty() && !contains(route.wards, "*") && !contains(route.wards, ward)) {
        return false;
    }
    if (!route.classes.empty() && !contains(route.classes, concern)) {
        return false;
    }
    if (route.when == "always") {
        return true;
    }
    const std::time_t t = static_cast<std::time_t>(raisedAt);
    std::tm local{};
    localtime_r(&t, &local);
    const int minute = local.tm_hour * 60 + local.tm_min;
    const bool inHours = std::find(settings.inHoursDays.begin(), settings.inHoursDays.end(),
                                   local.tm_wday) != settings.inHoursDays.end() &&
                         minute >= settings.inHoursStartMin && minute < settings.inHoursEndMin;
    return route.when == "in_hours" ? inHours : !inHours;
}

std::vector<AlertDelivery> planFirst(const Settings& settings, const AlertRecord& alert,
                                     std::int64_t now) {
    std::vector<AlertDelivery> plan;
    for (std::size_t i = 0; i < settings.routes.size(); ++i) {
        const Route& r = settings.routes[i];
        if (!routeTakes(settings, r, alert.ward, alert.concern, alert.createdAt)) {
            continue;
        }
        for (const auto& address : r.email) {
            plan.push_back(delivery(alert, "first", i, "email", address, now));
        }
        if (!r.webhookUrl.empty()) {
            plan.push_back(delivery(alert, "first", i, "webhook", r.webhookUrl, now));
        }
    }
    return plan;
}

std::vector<AlertDelivery> planEscalation(const Settings& settings, const AlertRecord& alert,
                                          std::int64_t now) {
    std::vector<AlertDelivery> plan;
    for (std::size_t i = 0; i < settings.routes.size(); ++i) {
        const Route& r = settings.routes[i];
        if (r.escalateTo.empty() || now < alert.createdAt + r.escalateAfterMin * 60 ||
            !routeTakes(settings, r, alert.ward, alert.concern, alert.createdAt)) {
            continue;
        }
        for (const auto& address : r.escalateTo) {
            plan.push_back(delivery(alert, "escalation", i, "email", address, now));
        }
    }
    return plan;
}

std::int64_t retryDelay(const Settings& settings, int attempts) {
    std::int64_t delay = settings.retryMinS;
    for (int i = 1; i < attempts && delay < settings.retryMaxS; ++i) {
        delay *= 2;
    }
    return std::min<std::int64_t>(delay, settings.retryMaxS);
}

} // namespace wardvoice::aggregator::alerts
