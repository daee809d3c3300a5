// What an alert says and how it is sent (libcurl SMTP and HTTP). Messages carry the ward, the
// class, the time and a link: the comment is read only after signing in to the dashboard.
#include "aggregator/alerts/delivery.hpp"

#include "common/signing.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

namespace wardvoice::aggregator::alerts {
namespace {

std::once_flag g_curlInit;

struct Upload {
    const std::string* data;
    std::size_t offset = 0;
};

std::size_t readUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* up = static_cast<Upload*>(user);
    const std::size_t room = size * count;
    const std::size_t left = up->data->size() - up->offset;
    const std::size_t n = left < room ? left : room;
    std::memcpy(buffer, up->data->data() + up->offset, n);
    up->offset += n;
    return n;
}

std::size_t keepBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    if (body->size() < 2000) {
        body->append(data, size * count);
    }
    return size * count;
}

int checkStop(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

CurlHandle newHandle(const Settings& settings, const std::atomic<bool>& stop) {
    std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    CurlHandle curl(curl_easy_init(), curl_easy_cleanup);
    if (curl) {
        CURL* h = curl.get();
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, checkStop);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, &stop);
        if (!settings.caFile.empty()) {
            curl_easy_setopt(h, CURLOPT_CAINFO, settings.caFile.c_str());
        }
    }
    return curl;
}

std::string rfc2822Date(std::int64_t now) {
    const std::time_t t = static_cast<std::time_t>(now);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buffer[64];
    std::strftime(buffer, sizeof(buffer), "%a, %d %b %Y %H:%M:%S +0000", &utc);
    return buffer;
}

std::string readableTime(std::int64_t t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm local{};
    localtime_r(&tt, &local);
    char buffer[64];
    std::strftime(buffer, sizeof(buffer), "%Y-%m-%d %H:%M %Z", &local);
    return buffer;
}

/// The path of an http(s) URL (what the webhook signature covers), "/" when it has none.
std::string urlPath(const std::string& url) {
    const auto scheme = url.find("://");
    const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (slash == std::string::npos) {
        return "/";
    }
    const auto query = url.find_first_of("?#", slash);
    return url.substr(slash, query == std::string::npos ? std::string::npos : query - slash);
}

common::Status sendEmail(const Settings& settings, const AlertDelivery& d, std::int64_t now,
                         const std::atomic<bool>& stop) {
    CurlHandle curl = newHandle(settings, stop);
    if (!curl) {
        return common::makeError("network", "cannot initialise libcurl");
    }
    const std::string message = composeEmail(settings, d, now);
    Upload upload{&message};
    const std::string from = "<" + settings.from + ">";
    CurlList rcpt(curl_slist_append(nullptr, ("<" + d.target + ">").c_str()), curl_slist_free_all);
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, settings.smtpUrl.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(h, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    if (settings.smtpUrl.rfind("smtp://", 0) == 0) {
        curl_easy_setopt(
            h, CURLOPT_USE_SSL,
            static_cast<long>(settings.smtpTls == "required" ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    }
    if (!settings.smtpUser.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, settings.smtpUser.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, settings.smtpPassword.c_str());
    }
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    const CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        return common::makeError("smtp", std::string("SMTP: ") +
                                             (error[0] != '\0' ? error : curl_easy_strerror(rc)));
    }
    return {};
}

common::Status postWebhook(const Settings& settings, const AlertDelivery& d, std::int64_t now,
                           const std::atomic<bool>& stop) {
    // The secret of the route that has this URL now (a restart may have renumbered routes).
    const auto route = std::find_if(settings.routes.begin(), settings.routes.end(),
                                    [&](const Route& r) { return r.webhookUrl == d.target; });
    if (route == settings.routes.end()) {
        return common::makeError("config",
                                 "no [[alerts.route]] has webhook_url " + d.target + " any more");
    }
    CurlHandle curl = newHandle(settings, stop);
    if (!curl) {
        return common::makeError("network", "cannot initialise libcurl");
    }
    const std::string body = composeWebhook(settings, d);
    const std::string signature =
        common::signRequest(route->webhookSecret, now, "POST", urlPath(d.target), body);
    curl_slist* raw = nullptr;
    raw = curl_slist_append(raw, "Content-Type: application/json");
    raw = curl_slist_append(raw, "Expect:");
    raw = curl_slist_append(
        raw, (std::string(common::kHeaderTimestamp) + ": " + std::to_string(now)).c_str());
    raw =
        curl_slist_append(raw, (std::string(common::kHeaderSignature) + ": " + signature).c_str());
    raw = curl_slist_append(raw, ("X-WardVoice-Delivery: " + std::to_string(d.id)).c_str());
    CurlList headers(raw, curl_slist_free_all);
    std::string answer;
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, d.target.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keepBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    const CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        return common::makeError("webhook",
                                 std::string("webhook: ") +
                                     (error[0] != '\0' ? error : curl_easy_strerror(rc)));
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
        return common::makeError("webhook", "webhook answered HTTP " + std::to_string(status) +
                                                ": " + answer.substr(0, 200));
    }
    return {};
}

} // namespace

std::string alertLink(const Settings& settings, std::int64_t alertId) {
    return settings.dashboardUrl + "/#/alert?id=" + std::to_string(alertId);
}

std::string concernTitle(const std::string& concern) {
    if (concern == "self_harm") {
        return "Self-harm or suicide risk";
    }
    if (concern == "harm_abuse") {
        return "Harm or abuse";
    }
    if (concern == "neglect_unsafe") {
        return "Neglect or unsafe care";
    }
    if (concern == "complaint_intent") {
        return "Intends to complain";
    }
    return concern;
}

std::string composeEmail(const Settings& settings, const AlertDelivery& d, std::int64_t now) {
    const bool escalation = d.stage == "escalation";
    const std::string title = concernTitle(d.concern);
    const std::string domain = settings.from.substr(settings.from.find('@') + 1);
    std::string m;
    m += "Date: " + rfc2822Date(now) + "\r\n";
    m += "From: WardVoice <" + settings.from + ">\r\n";
    m += "To: <" + d.target + ">\r\n";
    m += "Message-ID: <alert-" + std::to_string(d.alertId) + "-" + std::to_string(d.id) + "@" +
         domain + ">\r\n";
    m += "Subject: " +
         std::string(escalation ? "[WardVoice] NOT YET ACKNOWLEDGED: " : "[WardVoice] ") + title +
         " - ward " + d.ward + "\r\n";
    m += "X-Priority: 1\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=utf-8\r\n";
    m += "Content-Transfer-Encoding: 8bit\r\n";
    m += "\r\n";
    if (escalation) {
        m += "Nobody has acknowledged this alert yet. You are its second contact.\r\n\r\n";
    }
    m += "A comment left on ward " + d.ward +
         " was flagged by WardVoice's safeguarding screen and needs a person to read it now.\r\n";
    m += "\r\n";
    m += "  Concern:  " + title + " (" + d.concern + ")\r\n";
    m += "  Ward:     " + d.ward + "\r\n";
    m += "  Raised:   " + readableTime(d.raisedAt) + "\r\n";
    m += "  Alert:    " + std::to_string(d.alertId) + "\r\n";
    m += "\r\n";
    m += "Read it, acknowledge it and record what was done (sign-in needed):\r\n";
    m += alertLink(settings, d.alertId) + "\r\n";
    m += "\r\n";
    m += "The comment is not in this e-mail: it is shown only after signing in.\r\n";
    return m;
}

std::string composeWebhook(const Settings& settings, const AlertDelivery& d) {
    const std::string link = alertLink(settings, d.alertId);
    nlohmann::json body = {
        {"type", "wardvoice.alert"},
        {"stage", d.stage},
        {"alert_id", d.alertId},
        {"delivery_id", d.id},
        {"ward", d.ward},
        {"class", d.concern},
        {"created_at", common::formatRfc3339(d.raisedAt)},
        {"link", link},
        {"text", std::string(d.stage == "escalation" ? "NOT YET ACKNOWLEDGED: " : "") +
                     "WardVoice safeguarding alert on ward " + d.ward + ": " +
                     concernTitle(d.concern) + ". Open it: " + link},
    };
    return body.dump();
}

common::Status send(const Settings& settings, const AlertDelivery& delivery, std::int64_t now,
                    const std::atomic<bool>& stop) {
    if (delivery.channel == "email") {
        if (settings.smtpUrl.empty()) {
            return common::makeError("config", "no alerts.smtp_url in the config");
        }
        return sendEmail(settings, delivery, now, stop);
    }
    if (delivery.channel == "webhook") {
        return postWebhook(settings, delivery, now, stop);
    }
    return common::makeError("config", "unknown channel " + delivery.channel);
}

} // namespace wardvoice::aggregator::alerts
