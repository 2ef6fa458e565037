#include "server/routes/kontoplan.h"

#include <httplib.h>

#include "books/account.h"
#include "pipeline/kontoplan.h"
#include "views/json_views.h"

namespace dagbok::server::routes {

using auth::Action;
using nlohmann::json;

Result<json> mapping_rows(Call& call, const std::string& department) {
  ASSIGN_OR_RETURN(std::vector<KontoplanRow> rows, kontoplan_rows(call.store, *call.company, department,
                                                                  today_in(*call.company, call.ctx.clock.now())));
  json out = json::array();
  int missing = 0;
  for (const KontoplanRow& r : rows) {
    out.push_back(views::kontoplan_row_json(r));
    missing += r.gap ? 1 : 0;
  }
  return json{{"department", department}, {"rows", out}, {"missing", missing}};
}

// One department's kontoplan (?department=), or the company-wide one with
// every department's after it, each row with its account or a gap flag.
Result<Reply> get_mapping(Call& call) {
  if (call.req.has_param("department")) {
    ASSIGN_OR_RETURN(json rows, mapping_rows(call, call.req.get_param_value("department")));
    return Reply{200, rows, {}, {}, {}};
  }
  ASSIGN_OR_RETURN(json rows, mapping_rows(call, ""));
  ASSIGN_OR_RETURN(MasterData master, call.store.master_data(call.company->id));
  json departments = json::array();
  for (const std::string& d : master.departments) {
    ASSIGN_OR_RETURN(json dep, mapping_rows(call, d));
    departments.push_back(std::move(dep));
  }
  rows["departments"] = departments;
  return Reply{200, rows, {}, {}, {}};
}

// Adds entries to the kontoplan (it is append-only and effective-dated),
// then books the vouchers that were waiting for them.
Result<Reply> put_mapping(Call& call) {
  ASSIGN_OR_RETURN(json body, json_body(call));
  if (!body.is_object() || !body.contains("entries") || !body["entries"].is_array() || body["entries"].empty())
    return invalid_argument("field 'entries' must be a non-empty array of {group, key, account}");
  ASSIGN_OR_RETURN(std::string account_name, string_field(body, "account_name", false));
  KontoplanChange change;
  std::vector<FieldError> errors;
  for (size_t i = 0; i < body["entries"].size(); ++i) {
    const json& e = body["entries"][i];
    const std::string where = "entries[" + std::to_string(i) + "]";
    if (!e.is_object()) {
      errors.push_back({where, "must be an object {group, key, account, department?, valid_from?}"});
      continue;
    }
    KontoplanEdit edit;
    edit.account_name = account_name;  // one name for every account new to the chart
    bool read = true;
    struct Field {
      const char* name;
      std::string* value;
      bool required;
    };
    const Field fields[] = {{"group", &edit.group, true},
                            {"key", &edit.key, true},
                            {"account", &edit.account, true},
                            {"department", &edit.department, false},
                            {"valid_from", &edit.valid_from, false}};
    for (const Field& f : fields) {
      Result<std::string> v = string_field(e, f.name, f.required);
      if (!v.ok()) {
        errors.push_back({where + "." + f.name, v.error().message()});
        read = false;
      } else {
        *f.value = *v;
      }
    }
    // An entry that could not be read keeps its place (so that the paths of
    // the others stay theirs) as one the check passes: its errors are said.
    if (!read) edit = KontoplanEdit{"cost_center", "-", "", "", "", ""};
    change.entries.push_back(std::move(edit));
  }
  ASSIGN_OR_RETURN(std::vector<FieldError> wrong, check_kontoplan_change(call.store, *call.company, change));
  errors.insert(errors.end(), wrong.begin(), wrong.end());
  if (!errors.empty()) return field_errors_reply(errors);
  ASSIGN_OR_RETURN(KontoplanChanged done, change_kontoplan(call.store, *call.company, change, call.ctx.clock));
  ASSIGN_OR_RETURN(json rows, mapping_rows(call, ""));
  rows.update(views::kontoplan_changed_json(done));
  return Reply{200, rows, {}, {}, {}};
}

Result<Reply> mapping_preset(Call& call) {
  ASSIGN_OR_RETURN(json body, json_body(call));
  ASSIGN_OR_RETURN(std::string preset, string_field(body, "preset", true));
  ASSIGN_OR_RETURN(std::string department, string_field(body, "department", false));
  Result<PresetApplied> applied = apply_chart_preset(call.store, *call.company, preset, department);
  if (!applied.ok()) {
    if (applied.error().code() == ErrorCode::kInvalidArgument)
      return field_errors_reply({{"preset", applied.error().message()}});
    return std::move(applied).error();
  }
  ASSIGN_OR_RETURN(BookOutcome booked, book_blocked_vouchers(call.store, *call.company, call.ctx.clock));
  ASSIGN_OR_RETURN(json rows, mapping_rows(call, department));
  rows["preset"] = applied->name;
  rows["valid_from"] = applied->valid_from.to_string();
  rows["added_entries"] = applied->entries;
  rows["vouchers_booked"] = booked.booked;
  rows["still_blocked"] = booked.still_blocked;
  return Reply{200, rows, {}, {}, {}};
}

}  // namespace dagbok::server::routes
