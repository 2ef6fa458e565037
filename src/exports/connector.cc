#include "exports/connector.h"

#include "exports/destination.h"

namespace dagbok {
namespace {

constexpr std::pair<ChoiceList, std::string_view> kChoiceLists[] = {
    {ChoiceList::kCompanies, "companies"},  {ChoiceList::kDepartments, "departments"},
    {ChoiceList::kAccounts, "accounts"},    {ChoiceList::kVatCodes, "vat_codes"},
    {ChoiceList::kVoucherTypes, "voucher_types"},
};

}  // namespace

std::string_view choice_list_name(ChoiceList list) {
  for (const auto& [l, name] : kChoiceLists)
    if (l == list) return name;
  return "";
}

Result<ChoiceList> parse_choice_list(std::string_view name) {
  std::string all;
  for (const auto& [l, n] : kChoiceLists) {
    if (n == name) return l;
    all += (all.empty() ? "" : ", ") + std::string(n);
  }
  return invalid_argument("'" + std::string(name) + "' is not a list an integration offers; one of " + all);
}

Result<std::unique_ptr<crypto::SecretBox>> open_secret_box(const ConnectorHost& host) {
  Result<crypto::MasterKey> key = crypto::MasterKey::load(host.env, host.key_file ? host.key_file() : std::filesystem::path(),
                                                           crypto::MissingKey::kFail);
  if (!key)
    return failed_precondition("the master key that seals the integrations' secrets is missing: " +
                               key.error().message());
  return std::make_unique<crypto::SecretBox>(std::move(key).value());
}

Status Connector::check_recipient(const std::string&) const {
  return failed_precondition("the " + title() + " integration cannot send a file by hand");
}

Result<SentFile> Connector::send_sie_file(Store&, const Company&, Date, Date, const std::string&, const Clock&) {
  return failed_precondition("the " + title() + " integration cannot send a file by hand");
}

void DestinationRegistry::add(std::unique_ptr<Connector> connector) {
  const std::string k = connector->kind();
  if (!connectors_.count(k)) order_.push_back(k);
  connectors_[k] = std::move(connector);
}

Connector* DestinationRegistry::find(const std::string& kind) const {
  auto it = connectors_.find(kind);
  return it == connectors_.end() ? nullptr : it->second.get();
}

void DestinationRegistry::remove(const std::string& kind) {
  connectors_.erase(kind);
  std::erase(order_, kind);
}

std::vector<Connector*> DestinationRegistry::all() const {
  std::vector<Connector*> out;
  for (const std::string& k : order_) out.push_back(connectors_.at(k).get());
  return out;
}

Connector* DestinationRegistry::file_sender() const {
  for (Connector* c : all())
    if (c->sends_files()) return c;
  return nullptr;
}

}  // namespace dagbok
