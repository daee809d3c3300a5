// Staff sub-commands: user add/list/disable, ward add/list, agenda, fft-return, poster.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace wardvoice::aggregator {

struct StaffCommands {
    std::string dbPath = "var/wardvoice.db";
    std::string assetsDir;
    CLI::App* userAdd = nullptr;
    CLI::App* userList = nullptr;
    CLI::App* userDisable = nullptr;
    CLI::App* agenda = nullptr;
    CLI::App* fftReturn = nullptr;
    CLI::App* poster = nullptr;
    CLI::App* wardAdd = nullptr;
    CLI::App* wardList = nullptr;
    std::string ward;
    std::string name;
    std::string role;
    std::vector<std::string> wards;
    bool passwordStdin = false;
    bool asJson = false;
    std::string since;
    std::string until;
    std::string format;
    std::string month;
    std::string out;  ///< poster: the PDF to write
    std::string join; ///< poster: how to join the panel, in the trust's words
};

/// Checks a `--panel-join`/`--join` value with panelJoinWords and keeps its clean form.
CLI::Validator panelJoinValidator();

/// Declares the sub-commands on `app`; `commands` receives their arguments.
void addStaffCommands(CLI::App& app, StaffCommands& commands);

/// Runs whichever staff sub-command was given; nullopt when none was.
std::optional<int> runStaffCommands(const StaffCommands& commands);

} // namespace wardvoice::aggregator
