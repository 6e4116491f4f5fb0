#include "kiosk/speech/wav_sink.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace wk::speech {
namespace {

void put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v & 0xffff));
  put16(out, static_cast<std::uint16_t>(v >> 16));
}
std::uint32_t get32(const std::string& s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}
std::uint16_t get16(const std::string& s, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8);
}

}  // namespace

WavSink::WavSink(std::filesystem::path dir, bool paced) : dir_(std::move(dir)), paced_(paced) {}

std::string WavSink::probe() {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return "WAV directory " + dir_.string() + ": " + ec.message();
  return "";
}

bool WavSink::begin(std::string_view language, int rate, std::string& why) {
  if (rate <= 0) {
    why = "sample rate " + std::to_string(rate);
    return false;
  }
  language_ = std::string(language);
  rate_ = rate;
  samples_.clear();
  return true;
}

void WavSink::write(std::span<const std::int16_t> samples) {
  samples_.insert(samples_.end(), samples.begin(), samples.end());
  if (paced_ && rate_ > 0)
    std::this_thread::sleep_for(std::chrono::duration<double>(static_cast<double>(samples.size()) / rate_));
}

void WavSink::end(const std::function<bool()>& stopped) {
  const bool cut = stopped();
  char number[16];
  std::snprintf(number, sizeof number, "%03d", ++count_);
  const std::string name = std::string(number) + "-" + language_ + (cut ? "-stopped" : "") + ".wav";
  const std::uint32_t data_bytes = static_cast<std::uint32_t>(samples_.size() * 2);
  std::string out;
  out.reserve(44 + data_bytes);
  out += "RIFF";
  put32(out, 36 + data_bytes);
  out += "WAVEfmt ";
  put32(out, 16);
  put16(out, 1);  // PCM
  put16(out, 1);  // mono
  put32(out, static_cast<std::uint32_t>(rate_));
  put32(out, static_cast<std::uint32_t>(rate_) * 2);
  put16(out, 2);
  put16(out, 16);
  out += "data";
  put32(out, data_bytes);
  for (std::int16_t s : samples_) put16(out, static_cast<std::uint16_t>(s));
  const auto part = dir_ / (name + ".part");
  {
    std::ofstream f(part, std::ios::binary | std::ios::trunc);
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
  }
  std::error_code ec;
  std::filesystem::rename(part, dir_ / name, ec);
  samples_.clear();
}

double WavData::rms() const {
  if (samples.empty()) return 0;
  double sum = 0;
  for (std::int16_t s : samples) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(samples.size()));
}

WavData read_wav(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot be read");
  const std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto bad = [&](const std::string& what) { return std::runtime_error(file.string() + ": " + what); };
  if (s.size() < 12 || s.compare(0, 4, "RIFF") != 0 || s.compare(8, 4, "WAVE") != 0) throw bad("not a RIFF WAVE file");
  WavData w;
  bool fmt = false;
  std::size_t at = 12;
  while (at + 8 <= s.size()) {
    const std::string id = s.substr(at, 4);
    const std::uint32_t size = get32(s, at + 4);
    if (size > s.size() - at - 8) throw bad("chunk \"" + id + "\" runs past the end");
    if (id == "fmt ") {
      if (size < 16) throw bad("fmt chunk too short");
      if (get16(s, at + 8) != 1) throw bad("not PCM");
      w.channels = get16(s, at + 10);
      w.rate = static_cast<int>(get32(s, at + 12));
      w.bits = get16(s, at + 22);
      if (w.channels != 1 || w.bits != 16) throw bad("not mono 16-bit");
      fmt = true;
    } else if (id == "data") {
      if (!fmt) throw bad("data before fmt");
      w.samples.resize(size / 2);
      for (std::size_t i = 0; i < w.samples.size(); ++i)
        w.samples[i] = static_cast<std::int16_t>(get16(s, at + 8 + i * 2));
      return w;
    }
    at += 8 + size + (size & 1);
  }
  throw bad("no data chunk");
}

}  // namespace wk::speech
