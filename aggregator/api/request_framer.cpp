// HTTP/1.1 request framing with limits (RFC 9112 sections 2-7), before any handler runs.
#include "aggregator/api/request_framer.hpp"

#include <algorithm>
#include <cstdint>

namespace wardvoice::aggregator {
namespace {

/// The most raw bytes a chunked body may take on the wire: its data plus generous framing.
std::size_t chunkedWireCap(const FrameLimits& limits) {
    return 2 * limits.maxBodyBytes + 64 * 1024;
}

bool isTokenChar(unsigned char c) {
    if (c >= '0' && c <= '9') {
        return true;
    }
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        return true;
    }
    return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

/// Field values may hold visible bytes, spaces and tabs, and any byte >= 0x80 (obs-text).
bool validValue(std::string_view v) {
    return std::none_of(v.begin(), v.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\t') || c == 0x7f;
    });
}

/// A decimal length of at most 18 digits (no sign, no list).
bool parseLength(std::string_view v, std::size_t& out) {
    if (v.empty() || v.size() > 18) {
        return false;
    }
    std::uint64_t n = 0;
    for (char c : v) {
        if (c < '0' || c > '9') {
            return false;
        }
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    out = static_cast<std::size_t>(n);
    return true;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

void RequestFramer::reset() {
    *this = RequestFramer(m_limits);
}

RequestFramer::State RequestFramer::refuse(int status, std::string code, std::string detail) {
    m_refusal = {status, std::move(code), std::move(detail)};
    m_state = State::Refused;
    return m_state;
}

RequestFramer::State RequestFramer::advance(std::string_view input) {
    if (m_state != State::NeedMore) {
        return m_state;
    }
    if (m_headEnd == 0) {
        // Empty lines before a request line are allowed (RFC 9112 section 2.2).
        while (m_skip < input.size() && (input[m_skip] == '\r' || input[m_skip] == '\n')) {
            ++m_skip;
            if (m_skip > 64) {
                return refuse(400, "bad_request_line", "too many empty lines before the request");
            }
        }
        if (m_skip == input.size()) {
            return m_state;
        }
        m_started = true;
        const std::size_t from = std::max(m_skip, m_scanned >= 3 ? m_scanned - 3 : m_skip);
        const std::size_t end = input.find("\r\n\r\n", from);
        if (end == std::string_view::npos) {
            m_scanned = input.size();
            if (input.size() - m_skip > m_limits.maxHeadBytes) {
                return refuse(431, "header_too_large",
                              "the request head is over " + std::to_string(m_limits.maxHeadBytes) +
                                  " bytes");
            }
            return m_state;
        }
        if (end + 4 - m_skip > m_limits.maxHeadBytes) {
            return refuse(431, "header_too_large",
                          "the request head is over " + std::to_string(m_limits.maxHeadBytes) +
                              " bytes");
        }
        if (parseHead(input.substr(m_skip, end - m_skip)) == State::Refused) {
            return m_state;
        }
        m_headEnd = end + 4;
        m_chunkPos = m_headEnd;
    }
    if (m_chunked) {
        return readChunks(input);
    }
    if (input.size() - m_headEnd < m_contentLength) {
        return m_state;
    }
    m_request = m_normalHead;
    if (m_contentLength > 0) {
        m_request += "Content-Length: " + std::to_string(m_contentLength) + "\r\n";
    }
    m_request += "\r\n";
    m_request.append(input.substr(m_headEnd, m_contentLength));
    m_consumed = m_headEnd + m_contentLength;
    m_state = State::Ready;
    return m_state;
}

RequestFramer::State RequestFramer::parseHead(std::string_view head) {
    const std::size_t lineEnd = std::min(head.find("\r\n"), head.size());
    const std::string_view line = head.substr(0, lineEnd);
    if (!validValue(line) || line.find('\t') != std::string_view::npos) {
        return refuse(400, "bad_request_line", "the request line holds control characters");
    }
    const std::size_t sp1 = line.find(' ');
    const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp1 == 0 || sp2 == std::string_view::npos || sp2 == sp1 + 1 ||
        line.find(' ', sp2 + 1) != std::string_view::npos) {
        return refuse(400, "bad_request_line", "expected METHOD TARGET HTTP/1.1");
    }
    const std::string_view method = line.substr(0, sp1);
    const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = line.substr(sp2 + 1);
    if (!std::all_of(method.begin(), method.end(),
                     [](char c) { return isTokenChar(static_cast<unsigned char>(c)); })) {
        return refuse(400, "bad_request_line", "the method is not a token");
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        return refuse(505, "http_version_not_supported", "only HTTP/1.1 and HTTP/1.0 are served");
    }
    if (target.size() > m_limits.maxTargetBytes) {
        return refuse(414, "uri_too_long",
                      "the request target is over " + std::to_string(m_limits.maxTargetBytes) +
                          " bytes");
    }
    m_normalHead.assign(line);
    m_normalHead += "\r\n";

    std::size_t headers = 0;
    bool haveLength = false;
    int transferEncodings = 0;
    std::size_t pos = lineEnd;
    while (pos < head.size()) {
        pos += 2; // past "\r\n"
        const std::size_t next = std::min(head.find("\r\n", pos), head.size());
        const std::string_view field = head.substr(pos, next - pos);
        pos = next;
        if (++headers > m_limits.maxHeaders) {
            return refuse(431, "too_many_headers",
                          "more than " + std::to_string(m_limits.maxHeaders) + " header fields");
        }
        if (!field.empty() && (field.front() == ' ' || field.front() == '\t')) {
            return refuse(400, "bad_header", "folded header lines are not accepted");
        }
        const std::size_t colon = field.find(':');
        if (colon == std::string_view::npos || colon == 0 ||
            !std::all_of(field.begin(), field.begin() + static_cast<std::ptrdiff_t>(colon),
                         [](char c) { return isTokenChar(static_cast<unsigned char>(c)); })) {
            return refuse(400, "bad_header", "a header line is not NAME: VALUE");
        }
        const std::string name = lower(field.substr(0, colon));
        const std::string_view value = trim(field.substr(colon + 1));
        if (!validValue(value)) {
            return refuse(400, "bad_header", "header " + name + " holds control characters");
        }
        if (name == "content-length") {
            std::size_t n = 0;
            if (!parseLength(value, n)) {
                return refuse(400, "bad_content_length", "Content-Length must be one number");
            }
            if (haveLength && n != m_contentLength) {
                return refuse(400, "conflicting_content_length",
                              "two different Content-Length headers");
            }
            haveLength = true;
            m_contentLength = n;
            continue;
        }
        if (name == "transfer-encoding") {
            if (++transferEncodings > 1 || lower(value) != "chunked") {
                return refuse(501, "unsupported_transfer_encoding",
                              "only Transfer-Encoding: chunked is understood");
            }
            m_chunked = true;
            continue;
        }
        if (name == "expect") {
            if (lower(value) != "100-continue") {
                return refuse(417, "expectation_failed", "only Expect: 100-continue is understood");
            }
            m_expectContinue = true;
            continue;
        }
        if (name == "content-encoding" && lower(value) != "identity") {
            // A compressed body would be inflated past every limit after it was checked.
            return refuse(415, "unsupported_content_encoding",
                          "request bodies must not be compressed");
        }
        m_normalHead.append(field);
        m_normalHead += "\r\n";
    }
    if (haveLength && m_chunked) {
        return refuse(400, "ambiguous_framing",
                      "a request must not carry both Content-Length and Transfer-Encoding");
    }
    if (m_chunked && version == "HTTP/1.0") {
        return refuse(400, "ambiguous_framing", "HTTP/1.0 has no chunked bodies");
    }
    if (m_contentLength > m_limits.maxBodyBytes) {
        return refuse(413, "payload_too_large",
                      "the body is over " + std::to_string(m_limits.maxBodyBytes) + " bytes");
    }
    return m_state;
}

RequestFramer::State RequestFramer::readChunks(std::string_view input) {
    if (input.size() - m_headEnd > chunkedWireCap(m_limits)) {
        return refuse(413, "payload_too_large", "the chunked body's framing is too large");
    }
    while (true) {
        const std::size_t lineEnd = input.find("\r\n", m_chunkPos);
        if (lineEnd == std::string_view::npos) {
            if (input.size() - m_chunkPos > 4096) {
                return refuse(400, "bad_chunk", "a chunk line is over 4096 bytes");
            }
            return m_state;
        }
        const std::string_view line = input.substr(m_chunkPos, lineEnd - m_chunkPos);
        if (m_inTrailers) {
            m_trailerBytes += line.size() + 2;
            if (m_trailerBytes > m_limits.maxHeadBytes) {
                return refuse(431, "header_too_large", "the chunked trailers are too large");
            }
            m_chunkPos = lineEnd + 2;
            if (line.empty()) {
                break; // end of the body
            }
            continue; // trailers are read and dropped
        }
        std::size_t size = 0;
        std::size_t i = 0;
        for (; i < line.size() && hexValue(line[i]) >= 0; ++i) {
            if (i >= 8) {
                return refuse(413, "payload_too_large", "a chunk is larger than the body limit");
            }
            size = size * 16 + static_cast<std::size_t>(hexValue(line[i]));
        }
        if (i == 0 || (i < line.size() && line[i] != ';' && line[i] != ' ' && line[i] != '\t')) {
            return refuse(400, "bad_chunk", "a chunk size is not a hexadecimal number");
        }
        if (m_body.size() + size > m_limits.maxBodyBytes) {
            return refuse(413, "payload_too_large",
                          "the body is over " + std::to_string(m_limits.maxBodyBytes) + " bytes");
        }
        if (size == 0) {
            m_inTrailers = true;
            m_chunkPos = lineEnd + 2;
            continue;
        }
        const std::size_t dataStart = lineEnd + 2;
        if (input.size() < dataStart + size + 2) {
            return m_state; // the chunk's data is still on its way
        }
        if (input.substr(dataStart + size, 2) != "\r\n") {
            return refuse(400, "bad_chunk", "a chunk's data is not followed by CRLF");
        }
        m_body.append(input.substr(dataStart, size));
        m_chunkPos = dataStart + size + 2;
    }
    m_request = m_normalHead + "Content-Length: " + std::to_string(m_body.size()) + "\r\n\r\n";
    m_request += m_body;
    m_body.clear();
    m_body.shrink_to_fit();
    m_consumed = m_chunkPos;
    m_state = State::Ready;
    return m_state;
}

} // namespace wardvoice::aggregator
