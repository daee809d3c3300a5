// The [alerts] part of the aggregator's config file: how safeguarding alerts leave the building
// (SMTP relay, webhooks), and who gets which (routes per ward and class, escalation, hours).
#pragma once

#include "aggregator/store/store.hpp"
#include "common/result.hpp"

#include <string>
#include <toml++/toml.h>
#include <vector>

namespace wardvoice::aggregator::alerts {

/// One [[alerts.route]]: the alerts it takes and where they go.
struct Route {
    std::vector<std::string> wards;   ///< empty or "*": every ward
    std::vector<std::string> classes; ///< empty: every flagged class
    std::vector<std::string> email;   ///< recipients by e-mail
    std::string webhookUrl;           ///< a JSON POST, signed with webhookSecret
    std::string webhookSecret;
    int escalateAfterMin = 30;           ///< unacknowledged this long: tell escalateTo
    std::vector<std::string> escalateTo; ///< e-mail addresses of the second contact
    std::string when = "always";         ///< "always", "in_hours" or "out_of_hours"
};

struct Settings {
    std::string smtpUrl; ///< smtp://host[:port] (STARTTLS) or smtps://host[:port]
    std::string smtpUser;
    std::string smtpPassword;
    std::string smtpTls = "try";  ///< smtp:// only: "try" STARTTLS, or "required"
    std::string caFile;           ///< CA bundle for the relay's and webhooks' certificates
    std::string from;             ///< the sender address
    std::string dashboardUrl;     ///< base of the link in every message
    int inHoursStartMin = 8 * 60; ///< in_hours = "08:00-18:00", local time of the server
    int inHoursEndMin = 18 * 60;
    std::vector<int> inHoursDays = {1, 2, 3, 4, 5}; ///< 0 Sunday .. 6 Saturday
    int retryMinS = 15; ///< first retry after a failed delivery; doubles up to retryMaxS
    int retryMaxS = 600;
    std::vector<Route> routes;
};

/// Reads and checks the [alerts] table; errors name `origin` and the key.
common::Result<Settings> parseSettings(const toml::table& alerts, const std::string& origin);

/// True when `address` is a plain e-mail address (no display name, spaces or line breaks).
bool isEmailAddress(const std::string& address);

/// True when `route` takes an alert of `concern` on `ward` raised at `raisedAt` (Unix time;
/// in or out of hours by the server's local time).
bool routeTakes(const Settings& settings, const Route& route, const std::string& ward,
                const std::string& concern, std::int64_t raisedAt);

/// The first deliveries of a new alert: one per e-mail recipient and webhook of every route
/// that takes it, due at `now`.
std::vector<AlertDelivery> planFirst(const Settings& settings, const AlertRecord& alert,
                                     std::int64_t now);

/// The escalation deliveries an open alert is due at `now` (routes whose escalate_after_min
/// has passed since it was raised).
std::vector<AlertDelivery> planEscalation(const Settings& settings, const AlertRecord& alert,
                                          std::int64_t now);

/// Seconds before the attempt after `attempts` failed ones.
std::int64_t retryDelay(const Settings& settings, int attempts);

} // namespace wardvoice::aggregator::alerts
