// CompanyStore: the store's role for the companies one database holds.
// Every other role's rows belong to one of them (by id).
//
//   ASSIGN_OR_RETURN(int64_t id, store.create_company(company));
//   ASSIGN_OR_RETURN(std::vector<Company> all, store.companies());
#pragma once

#include <cstdint>
#include <vector>

#include "books/company.h"
#include "core/result.h"

namespace dagbok {

class CompanyStore {
 public:
  virtual ~CompanyStore() = default;

  // AlreadyExists when the slug is taken.
  virtual Result<int64_t> create_company(const Company& c) = 0;
  virtual Result<std::vector<Company>> companies() = 0;
};

}  // namespace dagbok
