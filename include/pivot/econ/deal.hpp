// Pricing an investment-for-tariff package: who pays what, when, and whether
// the payer's FX reserves can bear it. Arithmetic and sources: docs/economics.md.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pivot::deal {

/// The package's terms. Money in one unit (e.g. USD billion), rates and shares in percent.
struct DealTerms {
  double total = 350;                    // headline amount
  double cash_share = 100;               // % paid as cash/equity; the rest is loans and guarantees
  double payment_years = 1;              // cash paid evenly over this many years (may be fractional)
  double annual_cap = 0;                 // most cash paid in any one year (0 = no cap)
  double guarantee_loss = 0;             // % of the loans and guarantees expected to be lost by the payer
  double loan_reserve_share = 0;         // % of loans disbursed in FX drawn on reserves
  double project_return = 0;             // % a year earned on cash invested, from the year after payment
  double payer_profit_share = 10;        // % of profits to the payer before recoupment
  double payer_profit_share_after = -1;  // % after the payer's cash is recouped (-1 = no switch)
  double discount_rate = 5;              // % a year
  double tariff_saved = 0;               // tariff the payer's exporters avoid each year
  double fx_reserves = 0;                // payer's reserves
  double current_account_surplus = 0;    // payer's annual current-account surplus
  int horizon = 20;                      // years counted
};

/// One year of the schedule (year 1 = first payment year).
struct DealYear {
  int year = 0;
  double cash_paid = 0;
  double loans_disbursed = 0;
  double reserve_outflow = 0;  // cash plus the loans' reserve-funded part
  double profit = 0;           // project profit this year
  double payer_profit = 0;
  double receiver_profit = 0;
  double guarantee_loss = 0;
  double tariff_saved = 0;
};

/// The price of the package.
struct DealResult {
  std::vector<DealYear> schedule;
  double payer_cost_pv = 0;     // PV(cash + guarantee losses - payer's profit)
  double receiver_cost_pv = 0;  // PV(tariff forgone - receiver's profit); negative = the receiver gains
  double tariff_saved_pv = 0;   // PV of the tariff avoided over the horizon
  double peak_outflow = 0;      // largest reserve outflow in one year
  int peak_year = 0;
  double peak_share_of_reserves = 0;         // %, 0 if reserves unknown
  double peak_share_of_current_account = 0;  // %
  double break_even_years = 0;               // years of avoided tariff whose PV equals payer_cost_pv (inf = never)
  int recouped_year = 0;                     // year the payer's cash is recouped from its profit (0 = never in horizon)
  double unpaid_at_horizon = 0;              // cash and loans still to pay when the horizon ends
};

/// Checks terms (finite, shares within [0, 100], years > 0, ...); throws InputError naming `file` and the term.
void validate_terms(const DealTerms& terms, const std::string& file);

/// Prices the package year by year over the horizon.
DealResult price_deal(const DealTerms& terms);

/// Sets a term by its name ("cash-share" or "cash_share"); throws UsageError for an unknown name.
void set_term(DealTerms& terms, const std::string& name, double value);

/// The names `set_term` accepts, with dashes.
std::vector<std::string> term_names();

/// A parsed `--sweep NAME=FROM:TO:STEP`.
struct Sweep {
  std::string term;
  std::vector<double> values;
};

/// Parses NAME=FROM:TO:STEP (inclusive, at most 10,001 values). Throws UsageError.
Sweep parse_sweep(const std::string& text);

/// Loads the terms from a deal TOML file or a scenario directory holding deal.toml.
DealTerms load_deal(const std::string& path, std::string* file_used = nullptr);

/// Where the annual avoided tariff came from when a trade model priced it.
struct TariffPricing {
  double annual = 0;    // the priced value used as tariff_saved
  double given = 0;     // deal.toml's own tariff_saved
  std::string file;     // the trade model file
  std::string region;   // the payer's region in it
  std::string measure;  // what was taken, e.g. "-net_welfare_change (nonlinear)"
};

/// A package priced for `pivot run`. With a trade model's pricing, the terms'
/// tariff_saved is that priced figure, and `as_given` keeps the results with
/// deal.toml's own (recorded in pricing->given).
struct PricedDeal {
  DealTerms terms;
  DealResult result;
  std::optional<TariffPricing> pricing;
  std::optional<DealResult> as_given;
  std::string
      set_by;  // non-empty: the avoided tariff was set by hand here (e.g. "--set"), over deal.toml and any pricing
};

/// Prices `terms`, first repricing the avoided tariff by `pricing` when given.
PricedDeal price_deal(DealTerms terms, std::optional<TariffPricing> pricing);

}  // namespace pivot::deal
