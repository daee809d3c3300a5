// A small blocking HTTP client over libcurl.
#include "kiosk/sync/http.hpp"

#include <cctype>
#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace wardvoice::kiosk {
namespace {

std::once_flag g_curlInit;

size_t onBody(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    const std::string line(data, size * count);
    const std::string name = "retry-after:";
    if (line.size() > name.size()) {
        std::string lower = line.substr(0, name.size());
        for (char& c : lower) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (lower == name) {
            std::string value = line.substr(name.size());
            while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
                value.erase(value.begin());
            }
            while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
                value.pop_back();
            }
            *static_cast<std::string*>(user) = value;
        }
    }
    return size * count;
}

} // namespace

common::Result<HttpResponse> performHttp(const HttpRequest& request) {
    std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        return common::makeError("network", "cannot initialise libcurl");
    }
    curl_slist* rawHeaders = nullptr;
    for (const auto& [name, value] : request.headers) {
        rawHeaders = curl_slist_append(rawHeaders, (name + ": " + value).c_str());
    }
    if (request.method == "POST") {
        rawHeaders = curl_slist_append(rawHeaders, "Content-Type: application/json");
    }
    rawHeaders = curl_slist_append(rawHeaders, "Expect:"); // no 100-continue round trip
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(rawHeaders,
                                                                        curl_slist_free_all);

    HttpResponse response;
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMs);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, request.totalTimeoutMs);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.retryAfter);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!request.caFile.empty()) {
        curl_easy_setopt(h, CURLOPT_CAINFO, request.caFile.c_str());
    }
    if (request.method == "POST") {
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    } else {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    }
    const CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        return common::makeError("network", std::string("request to ") + request.url +
                                                " failed: " + curl_easy_strerror(rc));
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

} // namespace wardvoice::kiosk
