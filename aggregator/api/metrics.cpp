#include "aggregator/api/metrics.hpp"

#include <cstdio>
#include <sstream>

namespace wardvoice::aggregator {
namespace {

thread_local std::chrono::steady_clock::time_point t_requestStart;
thread_local bool t_matched = true;

std::string labelValue(const std::string& value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string number(double v) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

std::string bound(double v) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

void family(std::ostringstream& out, const char* name, const char* type, const char* help) {
    out << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n";
}

bool isNumber(const std::string& segment) {
    return !segment.empty() && segment.find_first_not_of("0123456789") == std::string::npos;
}

} // namespace

void markRequestStart() {
    t_requestStart = std::chrono::steady_clock::now();
    t_matched = true;
}

double secondsSinceRequestStart() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t_requestStart).count();
}

void setRequestMatched(bool matched) {
    t_matched = matched;
}

bool requestMatched() {
    return t_matched;
}

std::string Metrics::routeLabel(const std::string& method, const std::string& path, bool matched) {
    (void)method;
    if (!matched) {
        return "unmatched";
    }
    if (path.rfind("/api/", 0) != 0 && path != "/metrics") {
        return "static";
    }
    // a registered route: only its numeric segments vary
    std::string label;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string segment =
            path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        label += '/';
        label += isNumber(segment) ? "{id}" : segment;
        if (slash == std::string::npos) {
            break;
        }
        start = slash + 1;
    }
    return label;
}

void Metrics::countRequest(const std::string& route, int status, double seconds) {
    std::lock_guard lock(m_mutex);
    ++m_requests[{route, status}];
    Histogram& h = m_durations[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++h.buckets[i];
        }
    }
    ++h.count;
    h.sum += seconds;
}

void Metrics::countSubmissions(std::size_t accepted, std::size_t duplicate) {
    std::lock_guard lock(m_mutex);
    m_accepted += accepted;
    m_duplicate += duplicate;
}

void Metrics::countRejected(const std::string& reason, std::size_t n) {
    std::lock_guard lock(m_mutex);
    m_rejected[reason] += n;
}

std::string Metrics::render(const MetricsSnapshot& s) const {
    std::ostringstream out;
    {
        std::lock_guard lock(m_mutex);
        family(out, "wardvoice_submissions_accepted_total", "counter",
               "Submissions stored since the server started (each stored once).");
        out << "wardvoice_submissions_accepted_total " << m_accepted << "\n";
        family(out, "wardvoice_submissions_duplicate_total", "counter",
               "Submissions sent again that were already stored (acknowledged, not stored twice).");
        out << "wardvoice_submissions_duplicate_total " << m_duplicate << "\n";
        family(out, "wardvoice_submissions_rejected_total", "counter",
               "Submissions refused, by reason; a batch refused whole (signature, body) counts "
               "once under its reason.");
        for (const auto& [reason, n] : m_rejected) {
            out << "wardvoice_submissions_rejected_total{reason=\"" << labelValue(reason) << "\"} "
                << n << "\n";
        }
        family(out, "wardvoice_http_requests_total", "counter",
               "HTTP requests answered, by route and status.");
        for (const auto& [key, n] : m_requests) {
            out << "wardvoice_http_requests_total{route=\"" << labelValue(key.first)
                << "\",status=\"" << key.second << "\"} " << n << "\n";
        }
        family(out, "wardvoice_http_request_duration_seconds", "histogram",
               "Time from a request's arrival in full to its answer, by route.");
        for (const auto& [route, h] : m_durations) {
            const std::string r = labelValue(route);
            for (std::size_t i = 0; i < kBuckets.size(); ++i) {
                out << "wardvoice_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\""
                    << bound(kBuckets[i]) << "\"} " << h.buckets[i] << "\n";
            }
            out << "wardvoice_http_request_duration_seconds_bucket{route=\"" << r
                << "\",le=\"+Inf\"} " << h.count << "\n";
            out << "wardvoice_http_request_duration_seconds_sum{route=\"" << r << "\"} "
                << number(h.sum) << "\n";
            out << "wardvoice_http_request_duration_seconds_count{route=\"" << r << "\"} "
                << h.count << "\n";
        }
    }
    std::size_t online = 0;
    for (const auto& k : s.kiosks) {
        online += k.online ? 1 : 0;
    }
    family(out, "wardvoice_kiosks", "gauge",
           "Enrolled kiosks by state: online means heard from in the last 5 minutes.");
    out << "wardvoice_kiosks{state=\"online\"} " << online << "\n";
    out << "wardvoice_kiosks{state=\"offline\"} " << s.kiosks.size() - online << "\n";
    family(out, "wardvoice_kiosk_queue_depth", "gauge",
           "Submissions waiting in a kiosk's outbox, from its last heartbeat.");
    for (const auto& k : s.kiosks) {
        out << "wardvoice_kiosk_queue_depth{kiosk=\"" << labelValue(k.id) << "\",ward=\""
            << labelValue(k.ward) << "\"} " << k.queueDepth << "\n";
    }
    family(out, "wardvoice_kiosk_last_seen_timestamp_seconds", "gauge",
           "When a kiosk was last heard from (Unix time; 0: never).");
    for (const auto& k : s.kiosks) {
        out << "wardvoice_kiosk_last_seen_timestamp_seconds{kiosk=\"" << labelValue(k.id)
            << "\",ward=\"" << labelValue(k.ward) << "\"} " << k.lastSeenAt << "\n";
    }
    family(out, "wardvoice_theme_compute_seconds", "gauge",
           "How long the newest theme model fit took in this process (0: none yet).");
    out << "wardvoice_theme_compute_seconds " << number(s.themeComputeSeconds) << "\n";
    family(out, "wardvoice_db_size_bytes", "gauge",
           "The database's size on disk, with its write-ahead log.");
    out << "wardvoice_db_size_bytes " << s.dbSizeBytes << "\n";
    family(out, "wardvoice_backup_last_success_timestamp_seconds", "gauge",
           "When the newest checked backup in the backup folder was taken (Unix time; 0: none).");
    out << "wardvoice_backup_last_success_timestamp_seconds " << s.lastBackupAt << "\n";
    family(out, "wardvoice_alerts_queue_depth", "gauge",
           "Safeguarding alert messages waiting to be delivered.");
    out << "wardvoice_alerts_queue_depth " << s.alertQueueDepth << "\n";
    return out.str();
}

} // namespace wardvoice::aggregator
