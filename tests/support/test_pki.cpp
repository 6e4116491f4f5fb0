// TestPki: see test_pki.hpp. OpenSSL 3 C API, every object owned by a unique_ptr with its free
// function, every failure turned into a std::runtime_error naming the step and OpenSSL's reason.
#include "tests/support/test_pki.hpp"

#include <fcntl.h>
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace wk::test {
namespace {

// [SECTION] OpenSSL helpers

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using Asn1IntPtr = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER, ASN1_INTEGER_free>>;
using NamePtr = std::unique_ptr<X509_NAME, Deleter<X509_NAME, X509_NAME_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
void free_general_names(GENERAL_NAMES* names) {
  GENERAL_NAMES_free(names);
}
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES, free_general_names>>;
using GenNamePtr = std::unique_ptr<GENERAL_NAME, Deleter<GENERAL_NAME, GENERAL_NAME_free>>;

// Throws std::runtime_error "TestPki: <step>: <OpenSSL's queued errors>" and clears the queue.
[[noreturn]] void fail(const std::string& step) {
  std::string message = "TestPki: " + step;
  bool first = true;
  while (unsigned long code = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    message += first ? ": " : "; ";
    message += buf;
    first = false;
  }
  throw std::runtime_error(message);
}

void check(int ok, const std::string& step) {
  if (ok != 1) fail(step);
}

PkeyPtr make_p256_key() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) fail("generating a P-256 key");
  return key;
}

// "sha256//" + base64(SHA-256(DER SubjectPublicKeyInfo)): curl's CURLOPT_PINNEDPUBLICKEY form.
std::string spki_pin(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int der_len = i2d_PUBKEY(key, &der);
  if (der_len <= 0) fail("encoding a public key");
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(der, static_cast<std::size_t>(der_len), digest);
  OPENSSL_free(der);
  unsigned char b64[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1];
  const int b64_len = EVP_EncodeBlock(b64, digest, SHA256_DIGEST_LENGTH);
  return "sha256//" + std::string(reinterpret_cast<const char*>(b64), static_cast<std::size_t>(b64_len));
}

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string cert_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) fail("writing a certificate as PEM");
  return bio_contents(bio.get());
}

std::string key_pem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    fail("writing a private key as PEM");
  }
  return bio_contents(bio.get());
}

X509Ptr read_cert(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) fail("reading the CA certificate");
  return cert;
}

PkeyPtr read_key(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key) fail("reading the CA key");
  return key;
}

// Writes `contents` to `path` with mode 0600 (also when the file existed with another mode).
void write_private_file(const std::filesystem::path& path, const std::string& contents) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "TestPki: creating " + path.string());
  std::size_t done = 0;
  int err = 0;
  if (::fchmod(fd, 0600) != 0) err = errno;
  while (err == 0 && done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      err = errno;
    } else {
      done += static_cast<std::size_t>(n);
    }
  }
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) throw std::system_error(err, std::generic_category(), "TestPki: writing " + path.string());
}

// [SECTION] Certificate building

// A fresh certificate with version 3, a random positive 64-bit serial, the subject CN, the
// validity window relative to now and the public key; issuer and extensions are up to the caller.
X509Ptr new_cert(const std::string& common_name, EVP_PKEY* key, std::chrono::seconds not_before,
                 std::chrono::seconds not_after) {
  X509Ptr cert(X509_new());
  if (!cert) fail("allocating a certificate");
  check(X509_set_version(cert.get(), X509_VERSION_3), "setting the certificate version");

  BnPtr serial_bn(BN_new());
  if (!serial_bn || BN_rand(serial_bn.get(), 64, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1) {
    fail("drawing a serial number");
  }
  Asn1IntPtr serial(BN_to_ASN1_INTEGER(serial_bn.get(), nullptr));
  if (!serial) fail("encoding the serial number");
  check(X509_set_serialNumber(cert.get(), serial.get()), "setting the serial number");

  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(not_before.count())) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(not_after.count()))) {
    fail("setting the validity period");
  }

  NamePtr name(X509_NAME_new());
  if (!name) fail("allocating a name");
  check(X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0),
        "setting the common name");
  check(X509_set_subject_name(cert.get(), name.get()), "setting the subject");
  check(X509_set_pubkey(cert.get(), key), "setting the public key");
  return cert;
}

// Adds one extension given in OpenSSL's configuration syntax ("critical,CA:TRUE").
void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext) fail(std::string("building extension ") + OBJ_nid2sn(nid) + " = " + value);
  check(X509_add_ext(cert, ext.get(), -1), std::string("adding extension ") + OBJ_nid2sn(nid));
}

void add_subject_alt_names(X509* cert, const std::vector<std::string>& dns_names,
                           const std::vector<std::string>& ip_addresses) {
  NamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) fail("allocating subjectAltName");
  for (const std::string& dns : dns_names) {
    GenNamePtr gn(GENERAL_NAME_new());
    ASN1_IA5STRING* ia5 = ASN1_IA5STRING_new();
    if (!gn || !ia5 || ASN1_STRING_set(ia5, dns.data(), static_cast<int>(dns.size())) != 1) {
      ASN1_IA5STRING_free(ia5);
      fail("encoding DNS name " + dns);
    }
    GENERAL_NAME_set0_value(gn.get(), GEN_DNS, ia5);
    if (sk_GENERAL_NAME_push(names.get(), gn.get()) <= 0) fail("adding DNS name " + dns);
    gn.release();
  }
  for (const std::string& ip : ip_addresses) {
    ASN1_OCTET_STRING* octets = a2i_IPADDRESS(ip.c_str());
    if (!octets) {
      ERR_clear_error();
      throw std::invalid_argument("TestPki: not an IP address: \"" + ip + "\"");
    }
    GenNamePtr gn(GENERAL_NAME_new());
    if (!gn) {
      ASN1_OCTET_STRING_free(octets);
      fail("allocating an IP name");
    }
    GENERAL_NAME_set0_value(gn.get(), GEN_IPADD, octets);
    if (sk_GENERAL_NAME_push(names.get(), gn.get()) <= 0) fail("adding IP address " + ip);
    gn.release();
  }
  if (sk_GENERAL_NAME_num(names.get()) == 0) return;
  check(X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT), "adding subjectAltName");
}

}  // namespace

// [SECTION] TestPki

TestPki::TestPki(std::filesystem::path dir, std::string ca_name)
    : dir_(std::move(dir)), ca_file_(dir_ / "ca.pem"), ca_key_file_(dir_ / "ca.key"), ca_name_(std::move(ca_name)) {
  std::filesystem::create_directories(dir_);
  PkeyPtr key = make_p256_key();
  X509Ptr cert = new_cert(ca_name_, key.get(), std::chrono::hours{-1}, std::chrono::hours{24 * 3650});
  check(X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())), "setting the CA issuer");
  add_ext(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_ext(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_ext(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) fail("signing the CA certificate");

  ca_cert_pem_ = cert_pem(cert.get());
  ca_key_pem_ = key_pem(key.get());
  ca_pin_ = spki_pin(key.get());
  write_private_file(ca_file_, ca_cert_pem_);
  write_private_file(ca_key_file_, ca_key_pem_);
}

TestPki::~TestPki() = default;

TestPki::Leaf TestPki::issue(const std::string& name, std::vector<std::string> dns_names,
                             std::vector<std::string> ip_addresses, std::chrono::seconds not_before_offset,
                             std::chrono::seconds not_after_offset) {
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == ".." || name == "ca") {
    throw std::invalid_argument("TestPki: leaf name must be a plain file name other than \"ca\": \"" + name + "\"");
  }
  if (not_before_offset >= not_after_offset) {
    throw std::invalid_argument("TestPki: not_before_offset must be earlier than not_after_offset");
  }
  X509Ptr ca_cert = read_cert(ca_cert_pem_);
  PkeyPtr ca_key = read_key(ca_key_pem_);

  PkeyPtr key = make_p256_key();
  X509Ptr cert = new_cert(name, key.get(), not_before_offset, not_after_offset);
  check(X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert.get())), "setting the issuer");
  add_ext(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_ext(cert.get(), ca_cert.get(), NID_key_usage, "critical,digitalSignature");
  add_ext(cert.get(), ca_cert.get(), NID_ext_key_usage, "serverAuth");
  add_ext(cert.get(), ca_cert.get(), NID_subject_key_identifier, "hash");
  add_ext(cert.get(), ca_cert.get(), NID_authority_key_identifier, "keyid:always");
  add_subject_alt_names(cert.get(), dns_names, ip_addresses);
  if (X509_sign(cert.get(), ca_key.get(), EVP_sha256()) <= 0) fail("signing the certificate for " + name);

  Leaf leaf{dir_ / (name + ".pem"), dir_ / (name + ".key"), spki_pin(key.get())};
  write_private_file(leaf.cert_file, cert_pem(cert.get()));
  write_private_file(leaf.key_file, key_pem(key.get()));
  return leaf;
}

}  // namespace wk::test
