// One line per event on standard error, in logfmt (`level=info msg="..." kiosk=k-7f3a
// status=200 ms=3.1`), so that journald keeps them and `journalctl -u` reads them.
//
// Never pass comment text, passwords, secrets or tokens as a field: log lines leave the
// trust's clinical systems (monitoring, ticket attachments).
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace wardvoice::common::log {

enum class Level { Debug, Info, Warn, Error };

/// "debug", "info", "warn" (or "warning"), "error"; nothing for anything else.
std::optional<Level> parseLevel(std::string_view text);
std::string_view levelName(Level level);

/// Lines below this level are not written (default Info).
void setLevel(Level level);
bool enabled(Level level);

/// One key=value pair; numbers are written as they are, text quoted when it needs to be.
struct Field {
    Field(std::string_view k, std::string_view v) : key(k), value(v) {}
    Field(std::string_view k, const std::string& v) : key(k), value(v) {}
    Field(std::string_view k, const char* v) : key(k), value(v) {}
    template <std::integral T>
    Field(std::string_view k, T v) : key(k), value(std::to_string(v)), bare(true) {}
    Field(std::string_view k, double v);
    std::string_view key;
    std::string value;
    bool bare = false; ///< a number: never quoted
};

/// A logfmt value: as it is when it holds no space, quote, `=` or control character, else
/// quoted with \" \\ \n \t and \xNN escapes (a line is always one line).
std::string quote(std::string_view value);

/// `ts=... level=... msg=... k=v ...` without the newline.
std::string formatLine(std::int64_t unixSeconds, Level level, std::string_view msg,
                       std::initializer_list<Field> fields);

/// Writes one line (one write(2), so lines from threads never interleave).
void write(Level level, std::string_view msg, std::initializer_list<Field> fields = {});

inline void debug(std::string_view msg, std::initializer_list<Field> fields = {}) {
    write(Level::Debug, msg, fields);
}
inline void info(std::string_view msg, std::initializer_list<Field> fields = {}) {
    write(Level::Info, msg, fields);
}
inline void warn(std::string_view msg, std::initializer_list<Field> fields = {}) {
    write(Level::Warn, msg, fields);
}
inline void error(std::string_view msg, std::initializer_list<Field> fields = {}) {
    write(Level::Error, msg, fields);
}

/// A message written as prose: a leading "error: " or "warning: " sets the level (and is
/// dropped), anything else is info.
void text(std::string_view message, std::initializer_list<Field> fields = {});

/// Tests: every written line goes here instead of standard error (empty: back to stderr).
void setSink(std::function<void(std::string_view line)> sink);

} // namespace wardvoice::common::log
