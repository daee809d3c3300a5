// The alert worker: route, escalate, deliver, retry; every step recorded by the store.
#include "aggregator/alerts/alert_service.hpp"

#include "aggregator/alerts/delivery.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <chrono>

namespace wardvoice::aggregator::alerts {

AlertService::AlertService(Store& store, Settings settings,
                           std::function<void(const std::string&)> log, Sender sender)
    : m_store(store), m_settings(std::move(settings)), m_log(std::move(log)),
      m_sender(sender ? std::move(sender) : Sender(send)) {}

AlertService::~AlertService() {
    stop();
}

void AlertService::start() {
    if (m_thread.joinable()) {
        return;
    }
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void AlertService::stop() {
    m_stop = true;
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void AlertService::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

ServiceCounters AlertService::counters() const {
    std::lock_guard lock(m_mutex);
    return m_counters;
}

void AlertService::run() {
    while (!m_stop) {
        step(common::nowUnix());
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::seconds(1), [&] { return m_woken || m_stop.load(); });
        m_woken = false;
    }
}

int AlertService::step(std::int64_t now) {
    auto fail = [&](const std::string& what, const common::Error& e) {
        m_log("error: alerts: " + what + ": " + e.message);
    };
    // 1. New alerts: plan their first deliveries.
    if (auto fresh = m_store.alertsToRoute(100)) {
        for (const AlertRecord& alert : fresh.value()) {
            const auto plan = planFirst(m_settings, alert, now);
            const std::string note =
                plan.empty() ? "no [[alerts.route]] takes " + alert.concern + " on ward " +
                                   alert.ward + ": shown in the dashboard only"
                             : std::to_string(plan.size()) + " deliveries queued";
            if (auto s = m_store.planDeliveries(alert.id, plan,
                                                plan.empty() ? "unrouted" : "routed", note, now);
                !s) {
                fail("routing alert " + std::to_string(alert.id), s.error());
            } else if (plan.empty()) {
                m_log("warning: alert " + std::to_string(alert.id) + ": " + note);
            }
        }
    } else {
        fail("reading new alerts", fresh.error());
    }
    // 2. Open alerts nobody acknowledged in time: tell the second contact.
    int soonest = 0;
    for (const Route& r : m_settings.routes) {
        if (!r.escalateTo.empty()) {
            soonest = soonest == 0 ? r.escalateAfterMin : std::min(soonest, r.escalateAfterMin);
        }
    }
    if (soonest > 0) {
        if (auto open = m_store.openAlerts(now - soonest * 60, 500)) {
            for (const AlertRecord& alert : open.value()) {
                const auto plan = planEscalation(m_settings, alert, now);
                if (plan.empty()) {
                    continue;
                }
                if (auto s = m_store.planDeliveries(
                        alert.id, plan, "escalated",
                        "not acknowledged in time: " + std::to_string(plan.size()) +
                            " escalation deliveries queued",
                        now);
                    !s) {
                    fail("escalating alert " + std::to_string(alert.id), s.error());
                }
            }
        } else {
            fail("reading open alerts", open.error());
        }
    }
    // 3. Deliver what is due.
    auto due = m_store.dueDeliveries(now, 50);
    if (!due) {
        fail("reading the delivery queue", due.error());
        return 0;
    }
    int attempted = 0;
    for (const AlertDelivery& d : due.value()) {
        if (m_stop) {
            break;
        }
        ++attempted;
        const common::Status sent = m_sender(m_settings, d, common::nowUnix(), m_stop);
        if (m_stop && !sent) {
            break; // abandoned by stop(): not an attempt, retried after the next start
        }
        const std::int64_t at = common::nowUnix();
        const std::int64_t retryAt = at + retryDelay(m_settings, d.attempts + 1);
        if (auto s = m_store.recordDeliveryAttempt(
                d.id, sent.ok(), sent.ok() ? "" : sent.error().message, retryAt, at);
            !s) {
            fail("recording delivery " + std::to_string(d.id), s.error());
        }
        {
            std::lock_guard lock(m_mutex);
            (sent.ok() ? m_counters.delivered : m_counters.failed) += 1;
            if (sent.ok() && d.stage == "escalation") {
                ++m_counters.escalated;
            }
        }
        if (sent.ok()) {
            m_log("alert " + std::to_string(d.alertId) + ": delivered by " + d.channel + " (" +
                  d.stage + ")");
        } else {
            m_log("warning: alert " + std::to_string(d.alertId) + ": " + d.channel +
                  " delivery failed (attempt " + std::to_string(d.attempts + 1) +
                  "): " + sent.error().message);
        }
    }
    return attempted;
}

} // namespace wardvoice::aggregator::alerts
