package tenant

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"licsim/model"
	"licsim/scenarios"
)

// ExportFile is one file of a simulated export: its name and content.
type ExportFile struct {
	Name string
	Data []byte
}

// Simulated writes what an admin would export on the horizon of a run
// (res, of cfg, run with Options{Subscriptions: true, Staff: true}) in the shapes this
// package reads (shared/tenant-data.md §5), so that a simulated tenant
// can be imported and calibrated like a real one:
//
//   - subscriptions.json, Graph /directory/subscriptions: every
//     self-service subscription; a live one "Enabled" with
//     nextLifecycleDateTime its trial's end or next renewal, one that
//     stopped "Deleted" with nextLifecycleDateTime the day it stopped
//     (the end of its last term, the renewal that did not happen);
//   - users.json, Graph /users: every employee on staff during the run,
//     employeeHireDate for those hired during it, a leaver disabled and
//     deleted on employeeLeaveDateTime;
//   - subscribedSkus.json: the self-service seats live on the horizon;
//   - policies.csv, the MSCommerce policy of each product (enabled).
//
// The run must have no history warm-up (history = "none"): the export's
// history then starts on the scenario's start.
func Simulated(cfg *model.Config, res *model.Result) ([]ExportFile, error) {
	if len(res.Staff) == 0 {
		return nil, fmt.Errorf("the run has no staff records: run it with model.Options{Subscriptions: true, Staff: true}")
	}
	cat, err := scenarios.Catalog()
	if err != nil {
		return nil, err
	}
	horizon := int(model.AddMonths(cfg.Start, cfg.Months).Sub(cfg.Start).Hours() / 24)
	date := func(d int) string { return cfg.Start.AddDate(0, 0, d).Format(time.RFC3339) }
	subs := make([]map[string]any, 0, len(res.Subscriptions))
	seats := map[string]int{}
	for _, r := range res.Subscriptions {
		part := SkuPart(r.Product)
		if part == "" {
			return nil, fmt.Errorf("product %s has no skuPartNumber to export it by", r.Product)
		}
		s := map[string]any{
			"id": fmt.Sprintf("sub-%d", r.ID), "ownerType": "User", "ownerId": fmt.Sprintf("user-%d", r.Buyer),
			"skuPartNumber": part, "skuId": "", "isTrial": r.Term == "trial",
			"createdDateTime": date(int(r.Started)), "totalLicenses": r.Seats, "status": "Deleted",
		}
		if r.Live {
			s["status"], s["nextLifecycleDateTime"] = "Enabled", date(int(r.Next))
			seats[r.Product] += r.Seats
		} else if int(r.Ended) < horizon {
			s["nextLifecycleDateTime"] = date(int(r.Ended))
		}
		subs = append(subs, s)
	}
	users := make([]map[string]any, 0, len(res.Staff))
	for e, st := range res.Staff {
		if st.Left < 0 {
			continue // a buyer who left before start
		}
		u := map[string]any{"id": fmt.Sprintf("user-%d", e), "accountEnabled": int(st.Left) >= horizon}
		if st.Hired > 0 {
			u["employeeHireDate"] = date(int(st.Hired))
		}
		if int(st.Left) < horizon {
			u["employeeLeaveDateTime"], u["deletedDateTime"] = date(int(st.Left)), date(int(st.Left))
		}
		users = append(users, u)
	}
	skus := make([]map[string]any, 0, len(cfg.Products))
	var csv strings.Builder
	csv.WriteString("PolicyId,PolicyValue,ProductName,ProductId\n")
	for _, p := range cfg.Products {
		skus = append(skus, map[string]any{"skuPartNumber": SkuPart(p.ID), "skuId": "", "consumedUnits": seats[p.ID],
			"prepaidUnits": map[string]any{"enabled": seats[p.ID]}})
		for _, c := range cat {
			if c.ID == p.ID {
				fmt.Fprintf(&csv, "AllowSelfServicePurchase,%s,%s,%s\n", policyValue(p.Policy), c.Name, c.MSCommerceID)
			}
		}
	}
	var files []ExportFile
	for _, f := range []struct {
		name string
		v    any
	}{{"subscriptions.json", subs}, {"users.json", users}, {"subscribedSkus.json", skus}} {
		b, err := json.MarshalIndent(map[string]any{"value": f.v}, "", " ")
		if err != nil {
			return nil, err
		}
		files = append(files, ExportFile{f.name, b})
	}
	return append(files, ExportFile{"policies.csv", []byte(csv.String())}), nil
}

func policyValue(p model.Policy) string {
	switch p {
	case model.TrialsOnly:
		return "OnlyTrialsWithoutPaymentMethod"
	case model.Disabled:
		return "Disabled"
	}
	return "Enabled"
}

// Read reads export files already in memory, as ReadPaths reads them
// from disk.
func Read(files []ExportFile) (*Export, error) {
	exp := &Export{}
	var probs []Problem
	for _, f := range files {
		probs = append(probs, exp.Add(f.Name, f.Data)...)
	}
	if len(probs) > 0 {
		return nil, &Error{probs}
	}
	return exp, nil
}
