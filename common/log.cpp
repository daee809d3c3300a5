#include "common/log.hpp"

#include "common/timeutil.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <unistd.h>

namespace wardvoice::common::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::Info)};
std::mutex g_sinkMutex;
std::function<void(std::string_view)> g_sink;

bool needsQuotes(std::string_view value) {
    if (value.empty()) {
        return true;
    }
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) {
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<Level> parseLevel(std::string_view text) {
    if (text == "debug") {
        return Level::Debug;
    }
    if (text == "info") {
        return Level::Info;
    }
    if (text == "warn" || text == "warning") {
        return Level::Warn;
    }
    if (text == "error") {
        return Level::Error;
    }
    return std::nullopt;
}

std::string_view levelName(Level level) {
    switch (level) {
    case Level::Debug:
        return "debug";
    case Level::Info:
        return "info";
    case Level::Warn:
        return "warn";
    case Level::Error:
        return "error";
    }
    return "info";
}

void setLevel(Level level) {
    g_level.store(static_cast<int>(level));
}

bool enabled(Level level) {
    return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

Field::Field(std::string_view k, double v) : key(k), bare(true) {
    // milliseconds and seconds: three decimals at most, no exponent, no trailing zeros
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.3f", v);
    value = buffer;
    if (value.find('.') != std::string::npos) {
        while (value.back() == '0') {
            value.pop_back();
        }
        if (value.back() == '.') {
            value.pop_back();
        }
    }
}

std::string quote(std::string_view value) {
    if (!needsQuotes(value)) {
        return std::string(value);
    }
    std::string out = "\"";
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                static constexpr char kHex[] = "0123456789abcdef";
                out += "\\x";
                out += kHex[c >> 4];
                out += kHex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

std::string formatLine(std::int64_t unixSeconds, Level level, std::string_view msg,
                       std::initializer_list<Field> fields) {
    std::string line = "ts=" + formatRfc3339(unixSeconds);
    line += " level=";
    line += levelName(level);
    line += " msg=";
    line += quote(msg);
    for (const Field& f : fields) {
        line += ' ';
        line += f.key;
        line += '=';
        line += f.bare ? f.value : quote(f.value);
    }
    return line;
}

void write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
    if (!enabled(level)) {
        return;
    }
    std::string line = formatLine(nowUnix(), level, msg, fields);
    {
        std::lock_guard lock(g_sinkMutex);
        if (g_sink) {
            g_sink(line);
            return;
        }
    }
    line += '\n';
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
        if (n <= 0) {
            return; // nowhere to log to: never stop the server for it
        }
        done += static_cast<std::size_t>(n);
    }
}

void text(std::string_view message, std::initializer_list<Field> fields) {
    for (const auto& [prefix, level] : {std::pair{std::string_view("error: "), Level::Error},
                                        std::pair{std::string_view("warning: "), Level::Warn}}) {
        if (message.starts_with(prefix)) {
            write(level, message.substr(prefix.size()), fields);
            return;
        }
    }
    write(Level::Info, message, fields);
}

void setSink(std::function<void(std::string_view line)> sink) {
    std::lock_guard lock(g_sinkMutex);
    g_sink = std::move(sink);
}

} // namespace wardvoice::common::log
