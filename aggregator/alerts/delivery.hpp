// What an alert says (e-mail, webhook JSON: ward, class, time and a link, never the comment)
// and how it is sent (libcurl: SMTP with STARTTLS or SMTPS, and a signed HTTP POST).
#pragma once

#include "aggregator/alerts/alert_config.hpp"
#include "aggregator/store/store.hpp"
#include "common/result.hpp"

#include <atomic>
#include <string>

namespace wardvoice::aggregator::alerts {

/// The dashboard page of an alert: DASHBOARD_URL/#/alert?id=ID.
std::string alertLink(const Settings& settings, std::int64_t alertId);

/// A readable name of a class ("Self-harm or suicide risk").
std::string concernTitle(const std::string& concern);

/// The whole RFC 5322 message for `delivery` (headers, blank line, plain-text body; CRLF).
std::string composeEmail(const Settings& settings, const AlertDelivery& delivery, std::int64_t now);

/// The webhook's JSON body: type, stage, alert_id, delivery_id, ward, class, created_at, link and
/// a one-line `text` for chat workflows (Teams, Slack).
std::string composeWebhook(const Settings& settings, const AlertDelivery& delivery);

/// Sends one delivery; an error says what the relay or the receiver answered. Gives up early
/// (an error) when `stop` becomes true.
common::Status send(const Settings& settings, const AlertDelivery& delivery, std::int64_t now,
                    const std::atomic<bool>& stop);

} // namespace wardvoice::aggregator::alerts
