// A small blocking HTTP client over libcurl for the sync worker's thread.
#pragma once

#include "common/result.hpp"

#include <string>
#include <utility>
#include <vector>

namespace wardvoice::kiosk {

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    long connectTimeoutMs = 5000;
    long totalTimeoutMs = 20000;
    std::string caFile; ///< verify https peers against this bundle (system store when empty)
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::string retryAfter; ///< the Retry-After header, when present
};

/// Performs the request. Network failures (refused, timeout, TLS) are an Error with code
/// "network"; any HTTP status, including 4xx/5xx, is a response.
common::Result<HttpResponse> performHttp(const HttpRequest& request);

} // namespace wardvoice::kiosk
