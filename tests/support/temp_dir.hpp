// Test helper: a fixture with a fresh folder of its own (named after the test), removed after it.
#pragma once

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

namespace wardvoice::testing {

class TempDirTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = std::filesystem::temp_directory_path() /
                ("wardvoice-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
                 std::to_string(getpid()));
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    /// Writes `content` to `name` in the folder; returns its path.
    std::string write(const std::string& name, const std::string& content) {
        const auto path = (m_dir / name).string();
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }
    std::filesystem::path m_dir;
};

} // namespace wardvoice::testing
