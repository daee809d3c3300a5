// The aggregator's HTTP API (cpp-httplib routes over our own connection layer): kiosk ingest,
// heartbeat and config, and health.
#pragma once

#include "aggregator/agenda/insights.hpp"
#include "aggregator/agenda/poster.hpp"
#include "aggregator/alerts/alert_config.hpp"
#include "aggregator/api/metrics.hpp"
#include "aggregator/api/rate_limiter.hpp"
#include "aggregator/api/view_pool.hpp"
#include "aggregator/panel/panel_key.hpp"
#include "aggregator/store/store.hpp"

#include <atomic>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace httplib {
struct Response;
}

namespace wardvoice::aggregator {

namespace staff {
struct Period;
}

class FrontDoor;
namespace alerts {
class AlertService;
}

struct ServerOptions {
    ThemeServiceOptions themes;
    bool themeWorker = true; ///< run the background theme worker (off: themes never change)
    /// Staff requests (views, logins) run on this many threads at this niceness, below the
    /// kiosks' uploads.
    std::size_t viewThreads = 4;
    int viewNiceness = 10;
    std::string assetsDir; ///< holds kiosk/questions.json
    /// Requests handled at once. Connections are read by one event thread, so a slow or idle
    /// client holds no worker.
    std::size_t threads = 32;
    int requestDeadlineMs = 10'000; ///< a request's head and body must arrive within this
    int idleTimeoutMs = 5'000;      ///< an idle (or kept-alive) connection is closed after this
    std::size_t maxConnectionsPerAddress = 64;
    std::size_t maxConnections = 4'000;
    double kioskRequestsPerMinute = 120;
    double kioskBurst = 30;
    int kioskIdleTimeoutS = 90;
    std::vector<std::string> languages = {"en", "cy", "pl", "ro", "uk",
                                          "pt", "es", "lt", "it", "tr"};
    std::string tlsCert; ///< PEM files; both set means HTTPS
    std::string tlsKey;
    bool accessLog = true;
    std::string dbPath;       ///< for the database's size in /metrics
    std::string backupFolder; ///< scheduled backups, for the newest one's time in /metrics
    /// `GET /metrics` answers loopback clients, and others that send `Authorization: Bearer`
    /// with this token (empty: loopback only).
    std::string metricsToken;
    alerts::Settings alerts;     ///< the config file's [alerts]: routes, SMTP relay, webhooks
    bool alertWorker = true;     ///< deliver alerts (off: they are raised and shown, never sent)
    int sessionHours = 8;        ///< staff sessions expire after this long
    int sessionIdleMinutes = 30; ///< and end after this long without a request (0: never)
    double loginsPerMinute = 5;  ///< attempts per account name
    double loginBurst = 5;
    double loginsPerMinutePerAddress = 60; ///< attempts per client address (a ward PC is shared)
    double loginBurstPerAddress = 20;
    std::string panelJoin = kDefaultPanelJoin; ///< the poster's "how to join the panel" words
    std::string panelKeyFile;         ///< `keys init`'s file: without it no volunteers are taken
    int volunteerRetentionDays = 180; ///< volunteer records are deleted after this long
};

class ApiServer {
public:
    /// Loads the kiosk question set from the assets; fails with a message naming the file.
    static common::Result<std::unique_ptr<ApiServer>> create(Store& store, ServerOptions options);
    ~ApiServer();

    /// Binds `host:port` (port 0 picks a free one); returns the bound port or an error.
    common::Result<int> bind(const std::string& host, int port);
    /// Serves until stop(); requests in flight finish first.
    void listen();
    void stop();
    /// Client connections open now.
    std::size_t openConnections() const;
    /// The background theme model (tests wait on it; serve stops it before the store closes).
    ThemeService& themes() { return *m_themes; }
    /// The safeguarding alert worker.
    alerts::AlertService& alertService() { return *m_alerts; }

private:
    ApiServer(Store& store, ServerOptions options, nlohmann::json questionSet);
    void routes();
    void staffRoutes();   ///< staff_routes.cpp: login, sessions, wards, themes, comments
    void agendaRoutes();  ///< agenda_routes.cpp: agenda, messages, fleet, audit, FFT return
    void alertRoutes();   ///< alert_routes.cpp: safeguarding alerts
    void themeRoutes();   ///< theme_routes.cpp: staff corrections of the themes
    void meetingRoutes(); ///< meeting_routes.cpp: panel meetings and their agendas
    void choiceRoutes();  ///< choice_routes.cpp: the choices kiosks offer, and their votes
    /// Puts the patients' votes in words into each item a ward offers as a choice
    /// (`priorities`), and returns their tallies by item id, as JSON, for the answers.
    std::map<std::int64_t, nlohmann::json> addPriorities(std::vector<AgendaItem>& items);
    void metricsRoute(); ///< GET /metrics for monitoring
    /// The themes of every ward over a period given as since/until text (the agenda's source);
    /// on a bad period or a storage failure the answer is sent and nullopt returned.
    std::optional<InsightResult> trustThemes(const std::string& since, const std::string& until,
                                             std::int64_t now, httplib::Response& res,
                                             staff::Period& period);

    Store& m_store;
    ServerOptions m_options;
    nlohmann::json m_questionSet; ///< parsed once at start-up
    Metrics m_metrics;
    RateLimiter m_kioskLimiter;
    RateLimiter m_loginLimiter;
    RateLimiter m_loginAddressLimiter;
    std::unique_ptr<themes::CommentModel> m_model;
    std::unique_ptr<ThemeService> m_themes;
    std::unique_ptr<Insights> m_insights;
    std::unique_ptr<alerts::AlertService> m_alerts;
    std::unique_ptr<ViewPool> m_views;  ///< staff work, at lower priority than kiosk uploads
    std::optional<PanelKey> m_panelKey; ///< the key volunteer records are sealed to
    std::unique_ptr<FrontDoor> m_server;
    int m_listenFd = -1; ///< the listening socket, seen through httplib's socket options hook
};

} // namespace wardvoice::aggregator
