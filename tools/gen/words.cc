// Word lists and unique name construction; see words.h.
#include "tools/gen/words.h"

#include <array>
#include <charconv>

namespace etldag::gen {
namespace {

using W = std::string_view;

constexpr std::array<W, 112> kSubjects = {
    "account", "card", "credit", "debit", "pix", "boleto", "loan", "savings",
    "transfer", "payment", "invoice", "customer", "cliente", "operacao",
    "transacao", "fx", "ledger", "balance", "limit", "fraud", "risk",
    "chargeback", "merchant", "deposit", "withdrawal", "interest", "rewards",
    "onboarding", "kyc", "collection", "cobranca", "installment", "parcela",
    "statement", "fatura", "score", "bureau", "identity", "device", "session",
    "app", "marketing", "campaign", "nps", "support", "ticket", "chat",
    "insurance", "seguro", "investment", "portfolio", "crypto", "stock", "bond",
    "cdb", "tesouro", "conta", "cartao", "emprestimo", "pagamento", "remessa",
    "cambio", "salary", "payroll", "tax", "iof", "scr", "bacen", "serasa",
    "spc", "acquiring", "pos", "atm", "cashback", "referral", "lead",
    "prospect", "churn", "delinquency", "writeoff", "provision", "revenue",
    "cost", "funding", "treasury", "liquidity", "capital", "compliance", "aml",
    "sanctions", "pld", "dispute", "refund", "subscription", "notification",
    "push", "email", "sms", "login", "auth", "biometrics", "address", "phone",
    "income", "ccb", "nuconta", "ultravioleta", "rotativo", "spei", "oxxo",
    "nequi", "pse"};

constexpr std::array<W, 48> kQualifiers = {
    "daily", "monthly", "weekly", "hourly", "snapshot", "events", "history",
    "agg", "summary", "features", "latest", "enriched", "cleaned", "dedup",
    "scd", "facts", "dim", "metrics", "report", "cohort", "status", "changes",
    "current", "flat", "joined", "pivot", "rollup", "stats", "timeline",
    "window", "backfill", "audit", "sample", "stream", "base", "master",
    "mapping", "lookup", "registry", "labels", "targets", "exposure", "vintage",
    "curve", "matrix", "attributes", "positions", "movements"};

constexpr std::array<W, 14> kRawWords = {
    "ingest", "dump", "export", "feed", "landing", "extract", "stream", "cdc",
    "log", "files", "events", "replica", "webhook", "batch"};
constexpr std::array<W, 14> kContractWords = {
    "accounts", "transactions", "customers", "events", "attributes", "records",
    "entries", "movements", "requests", "responses", "logs", "changes",
    "states", "contracts"};
constexpr std::array<W, 10> kSeriesWords = {
    "operacao", "series", "saldo", "posicao", "movimento", "rates", "prices",
    "quotes", "snapshots", "curve"};
constexpr std::array<W, 7> kArchiveWords = {
    "archive", "backup", "cold", "history", "retention", "frozen", "legacy"};
constexpr std::array<W, 10> kModelWords = {
    "model", "classifier", "regressor", "score", "propensity", "forecast",
    "ranker", "embedding", "predictions", "uplift"};
constexpr std::array<W, 10> kPolicyWords = {
    "policy", "rules", "limits", "eligibility", "approval", "decision",
    "strategy", "thresholds", "increase", "offer"};

constexpr std::array<W, 7> kRoleNames = {
    "raw", "contract", "series-contract", "dataset", "archive", "model", "policy"};
constexpr std::array<W, 4> kCountries = {"", "nu-mx/", "nu-co/", "nu-us/"};

constexpr std::array<W, 16> kOwners = {
    "squad-credit-card", "squad-pix", "squad-lending", "data-platform",
    "analytics-eng", "risk-modeling", "fraud-prevention", "finance-bi",
    "mx-data", "co-data", "growth-analytics", "customer-care",
    "treasury-quant", "compliance-eng", "squad-investments", "us-data"};
constexpr std::array<W, 14> kTeams = {
    "credit", "banking", "fraud", "risk", "finance", "growth", "platform",
    "mexico", "colombia", "investments", "insurance", "compliance",
    "marketing", "cx"};
constexpr std::array<W, 16> kTags = {
    "pii", "daily", "hourly", "lgpd", "gdpr", "finance", "critical",
    "experimental", "deprecated", "sox", "regulatory", "ml", "backfill",
    "sla-4h", "tier-1", "tier-2"};
constexpr std::array<W, 9> kCrons = {
    "0 3 * * *", "0 */6 * * *", "30 */2 * * *", "0 0 * * 0", "15 4 * * 1-5",
    "0 5 1 * *", "@daily", "@hourly", "*/30 * * * *"};
constexpr std::array<W, 8> kDescriptions = {
    "Daily snapshot of customer accounts",
    "Deduplicated events, partitioned by day",
    "Features for the credit limit model",
    "Regulatory report (BACEN), do not change without compliance",
    "Aggregated metrics for the finance dashboards",
    "Legacy table kept for backfills",
    "Output of the monthly scoring job",
    "Joined view of card transactions and merchants"};
constexpr std::array<W, 8> kExternalKinds = {
    "s3-bucket", "kafka-topic", "postgres", "bigquery", "sftp", "api",
    "gsheet", "datomic"};

std::span<const W> RoleWords(Role role) {
  switch (role) {
    case Role::kRaw: return kRawWords;
    case Role::kContract: return kContractWords;
    case Role::kSeriesContract: return kSeriesWords;
    case Role::kDataset: return kQualifiers;
    case Role::kArchive: return kArchiveWords;
    case Role::kModel: return kModelWords;
    case Role::kPolicy: return kPolicyWords;
  }
  return kQualifiers;
}

// Country: 75% none, 12% nu-mx, 9% nu-co, 4% nu-us.
uint64_t DrawCountry(Rng& rng) {
  const uint64_t r = rng.Below(100);
  return r < 75 ? 0 : r < 87 ? 1 : r < 96 ? 2 : 3;
}

void AppendUint(uint64_t value, std::string* out) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof(buf), value);
  out->append(buf, res.ptr);
}

}  // namespace

std::string_view RoleName(Role role) { return kRoleNames[static_cast<int>(role)]; }
std::span<const std::string_view> OwnerWords() { return kOwners; }
std::span<const std::string_view> TeamWords() { return kTeams; }
std::span<const std::string_view> TagWords() { return kTags; }
std::span<const std::string_view> CronWords() { return kCrons; }
std::span<const std::string_view> DescriptionWords() { return kDescriptions; }

void AppendExternalName(uint64_t index, std::string* out) {
  uint64_t state = index;
  const uint64_t h = SplitMix64(state);
  out->append("external/");
  out->append(kExternalKinds[h % kExternalKinds.size()]);
  out->push_back('-');
  out->append(kSubjects[(h >> 8) % kSubjects.size()]);
  out->push_back('-');
  AppendUint(index, out);
}

void NameMaker::AppendOpName(Role role, std::string* out) {
  const std::span<const W> tail = RoleWords(role);
  const uint64_t country = DrawCountry(rng_);
  const uint64_t w1 = rng_.Below(kSubjects.size());
  const bool three = rng_.PerMille(450);
  // Middle word: a qualifier or a second subject.
  const uint64_t mid = three ? rng_.Below(kQualifiers.size() + kSubjects.size()) : 0;
  const uint64_t w3 = rng_.Below(tail.size());
  const uint64_t key = country | (static_cast<uint64_t>(role) << 2) |
                       (static_cast<uint64_t>(three) << 5) | (w1 << 6) |
                       (mid << 16) | (w3 << 26);
  const uint32_t uses = ++seen_[key];
  out->append(kCountries[country]);
  out->append(RoleName(role));
  out->push_back('/');
  out->append(kSubjects[w1]);
  if (three) {
    out->push_back('-');
    out->append(mid < kQualifiers.size() ? kQualifiers[mid]
                                         : kSubjects[mid - kQualifiers.size()]);
  }
  out->push_back('-');
  out->append(tail[w3]);
  if (uses > 1) {
    out->push_back('-');
    AppendUint(uses, out);
  }
}

}  // namespace etldag::gen
