// Package tenant reads what an admin can export from a Microsoft 365
// tenant (Graph /directory/subscriptions, /users and /subscribedSkus JSON,
// and the MSCommerce policy list as CSV or JSON) and writes a scenario
// that starts from the tenant's state, as shared/tenant-data.md §5 says
// licsim reads them. Each file is recognised by its content, so a folder
// of exports just works.
package tenant

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Problem is one thing wrong with an export: the file, where in it (a
// JSON path such as $.value[3].createdDateTime, or a CSV line), and what.
type Problem struct {
	File, Where, Msg string
}

func (p Problem) String() string {
	if p.Where == "" {
		return p.File + ": " + p.Msg
	}
	return p.File + ": " + p.Where + ": " + p.Msg
}

// Error is every problem of an import, at once: bad input (exit code 2).
type Error struct{ Problems []Problem }

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Subscription is one Graph companySubscription.
type Subscription struct {
	File, Where   string
	SkuPartNumber string
	SkuID         string
	Status        string // Enabled, Warning, Suspended, Deleted, LockedOut
	IsTrial       bool
	Created       time.Time
	Next          time.Time // nextLifecycleDateTime; zero when absent
	OwnerID       string
	OwnerType     string
	TotalLicenses int
}

// User is one Graph user, with the fields §5 reads.
type User struct {
	ID             string
	AccountEnabled bool
	Deleted        time.Time // deletedDateTime
	Hired          time.Time // employeeHireDate
	Left           time.Time // employeeLeaveDateTime
}

// Employed: enabled and not deleted (§5).
func (u *User) Employed() bool { return u.AccountEnabled && u.Deleted.IsZero() }

// SKU is one subscribedSku: the tenant's units of a SKU.
type SKU struct {
	SkuPartNumber, SkuID string
	Enabled, Consumed    int // prepaidUnits.enabled, consumedUnits
}

// Policy is one row of Get-MSCommerceProductPolicies.
type Policy struct {
	File, Where                                   string
	PolicyID, PolicyValue, ProductName, ProductID string
}

// Export is everything read from the files.
type Export struct {
	Files         []string // the files read, in order, with what each was
	Subscriptions []Subscription
	Users         []User
	SKUs          []SKU
	Policies      []Policy
	HasUsers      bool
	HasSKUs       bool
}

// maxFileBytes bounds one export file.
const maxFileBytes = 512 << 20

// ReadPaths reads files and the files of folders (sorted by name).
func ReadPaths(paths []string) (*Export, error) {
	var files []string
	var probs []Problem
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			probs = append(probs, Problem{File: p, Msg: "cannot read: " + errText(err)})
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			probs = append(probs, Problem{File: p, Msg: "cannot read the folder: " + errText(err)})
			continue
		}
		for _, e := range entries {
			if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
				files = append(files, filepath.Join(p, e.Name()))
			}
		}
	}
	exp := &Export{}
	for _, f := range files {
		b, err := readBounded(f)
		if err != nil {
			probs = append(probs, Problem{File: f, Msg: "cannot read: " + errText(err)})
			continue
		}
		probs = append(probs, exp.Add(f, b)...)
	}
	if len(files) == 0 && len(probs) == 0 {
		probs = append(probs, Problem{File: strings.Join(paths, " "), Msg: "no export files found"})
	}
	if len(probs) > 0 {
		return nil, &Error{probs}
	}
	return exp, nil
}

func readBounded(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err == nil && len(b) > maxFileBytes {
		err = fmt.Errorf("larger than %d MiB", maxFileBytes>>20)
	}
	return b, err
}

func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Add reads one file's content, recognising its kind, and returns its
// problems.
func (exp *Export) Add(file string, b []byte) []Problem {
	t := bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
	if len(t) == 0 {
		return []Problem{{File: file, Msg: "empty file"}}
	}
	if t[0] == '{' || t[0] == '[' {
		return exp.addJSON(file, t)
	}
	return exp.addPolicyCSV(file, t)
}

// addJSON reads Graph list responses {"value": [...]} (one or several,
// concatenated: a page chain) or a JSON array of policy rows.
func (exp *Export) addJSON(file string, b []byte) []Problem {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var rows []map[string]any
	var paths []string
	for page := 0; ; page++ {
		var v any
		if err := dec.Decode(&v); err == io.EOF {
			break
		} else if err != nil {
			return []Problem{{File: file, Msg: "malformed JSON: " + err.Error()}}
		}
		prefix := "$"
		if page > 0 {
			prefix = fmt.Sprintf("$[page %d]", page+1)
		}
		var elems []any
		switch x := v.(type) {
		case map[string]any:
			val, ok := x["value"]
			if !ok {
				return []Problem{{File: file, Where: prefix, Msg: `missing "value": want a Graph list response {"value": [...]}`}}
			}
			arr, ok := val.([]any)
			if !ok {
				return []Problem{{File: file, Where: prefix + ".value", Msg: "want an array"}}
			}
			elems, prefix = arr, prefix+".value"
		case []any:
			elems = x
		default:
			return []Problem{{File: file, Where: prefix, Msg: "want an object or an array"}}
		}
		for i, e := range elems {
			m, ok := e.(map[string]any)
			if !ok {
				return []Problem{{File: file, Where: fmt.Sprintf("%s[%d]", prefix, i), Msg: "want an object"}}
			}
			rows = append(rows, m)
			paths = append(paths, fmt.Sprintf("%s[%d]", prefix, i))
		}
	}
	if len(rows) == 0 {
		return []Problem{{File: file, Msg: "an empty list: cannot tell which export it is; leave it out"}}
	}
	first := rows[0]
	has := func(k string) bool { _, ok := first[k]; return ok }
	r := &rowReader{file: file}
	switch {
	case has("PolicyId") || has("ProductId"):
		exp.Files = append(exp.Files, file+" (MSCommerce product policies, JSON)")
		for i, m := range rows {
			exp.Policies = append(exp.Policies, Policy{File: file, Where: paths[i],
				PolicyID: r.str(m, paths[i], "PolicyId", true), PolicyValue: r.str(m, paths[i], "PolicyValue", true),
				ProductName: r.str(m, paths[i], "ProductName", false), ProductID: r.str(m, paths[i], "ProductId", true)})
		}
	case has("prepaidUnits") || has("consumedUnits"):
		exp.Files = append(exp.Files, file+" (Graph subscribedSkus)")
		exp.HasSKUs = true
		for i, m := range rows {
			s := SKU{SkuPartNumber: r.str(m, paths[i], "skuPartNumber", true), SkuID: r.str(m, paths[i], "skuId", false),
				Consumed: r.int(m, paths[i], "consumedUnits", true)}
			if pu, ok := m["prepaidUnits"].(map[string]any); ok {
				s.Enabled = r.int(pu, paths[i]+".prepaidUnits", "enabled", true)
			} else {
				r.missing(paths[i], "prepaidUnits", "an object with enabled")
			}
			exp.SKUs = append(exp.SKUs, s)
		}
	case has("skuPartNumber") || has("isTrial") || has("totalLicenses"):
		exp.Files = append(exp.Files, file+" (Graph directory/subscriptions)")
		for i, m := range rows {
			p := paths[i]
			s := Subscription{File: file, Where: p,
				SkuPartNumber: r.str(m, p, "skuPartNumber", true), SkuID: r.str(m, p, "skuId", false),
				Status: r.str(m, p, "status", true), IsTrial: r.bool(m, p, "isTrial", true),
				Created: r.time(m, p, "createdDateTime", true), Next: r.time(m, p, "nextLifecycleDateTime", false),
				OwnerType: r.str(m, p, "ownerType", false), TotalLicenses: r.int(m, p, "totalLicenses", true)}
			s.OwnerID = r.str(m, p, "ownerId", s.OwnerType == "User")
			if s.OwnerType == "User" && s.Status == "Enabled" && s.Next.IsZero() {
				r.missing(p, "nextLifecycleDateTime", "a live subscription's next renewal or trial end")
			}
			exp.Subscriptions = append(exp.Subscriptions, s)
		}
	case has("accountEnabled") || has("employeeHireDate") || has("userPrincipalName"):
		exp.Files = append(exp.Files, file+" (Graph users)")
		exp.HasUsers = true
		for i, m := range rows {
			p := paths[i]
			exp.Users = append(exp.Users, User{ID: r.str(m, p, "id", true), AccountEnabled: r.bool(m, p, "accountEnabled", true),
				Deleted: r.time(m, p, "deletedDateTime", false), Hired: r.time(m, p, "employeeHireDate", false),
				Left: r.time(m, p, "employeeLeaveDateTime", false)})
		}
	default:
		keys := make([]string, 0, len(first))
		for k := range first {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		return []Problem{{File: file, Where: paths[0], Msg: fmt.Sprintf("cannot tell which export this is (fields: %s); want Graph directory/subscriptions, users or subscribedSkus, or the MSCommerce policy list", strings.Join(keys, ", "))}}
	}
	return r.probs
}

// rowReader takes typed fields from JSON objects and collects problems.
type rowReader struct {
	file  string
	probs []Problem
}

func (r *rowReader) missing(path, key, what string) {
	r.probs = append(r.probs, Problem{File: r.file, Where: path + "." + key, Msg: "missing: " + what})
}

func (r *rowReader) wrong(path, key string, v any, want string) {
	r.probs = append(r.probs, Problem{File: r.file, Where: path + "." + key, Msg: fmt.Sprintf("want %s, got %v", want, v)})
}

func (r *rowReader) str(m map[string]any, path, key string, required bool) string {
	v, ok := m[key]
	if !ok || v == nil {
		if required {
			r.missing(path, key, "a string")
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		r.wrong(path, key, v, "a string")
	}
	return s
}

func (r *rowReader) bool(m map[string]any, path, key string, required bool) bool {
	v, ok := m[key]
	if !ok || v == nil {
		if required {
			r.missing(path, key, "true or false")
		}
		return false
	}
	b, ok := v.(bool)
	if !ok {
		r.wrong(path, key, v, "true or false")
	}
	return b
}

func (r *rowReader) int(m map[string]any, path, key string, required bool) int {
	v, ok := m[key]
	if !ok || v == nil {
		if required {
			r.missing(path, key, "a whole number")
		}
		return 0
	}
	n, ok := v.(json.Number)
	i, err := n.Int64()
	if !ok || err != nil || i < 0 || i > 1e9 {
		r.wrong(path, key, v, "a whole number from 0 to 1,000,000,000")
		return 0
	}
	return int(i)
}

func (r *rowReader) time(m map[string]any, path, key string, required bool) time.Time {
	v, ok := m[key]
	if !ok || v == nil {
		if required {
			r.missing(path, key, "an ISO 8601 timestamp")
		}
		return time.Time{}
	}
	s, _ := v.(string)
	t, err := parseTime(s)
	if err != nil {
		r.wrong(path, key, v, "an ISO 8601 timestamp such as 2024-05-01T00:00:00Z")
	}
	return t
}

// parseTime reads Graph's timestamps (RFC 3339, with or without a zone)
// or a date, as the UTC day it falls on.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			t = t.UTC()
			if t.Year() < 1970 || t.Year() > 2199 {
				return time.Time{}, errors.New("out of range")
			}
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, errors.New("not a timestamp")
}

// addPolicyCSV reads Get-MSCommerceProductPolicies | Export-Csv: columns
// PolicyId,PolicyValue,ProductName,ProductId (any order; Windows
// PowerShell's #TYPE line is skipped).
func (exp *Export) addPolicyCSV(file string, b []byte) []Problem {
	lines := 0
	if bytes.HasPrefix(b, []byte("#TYPE")) {
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b, lines = b[i+1:], 1
		}
	}
	rd := csv.NewReader(bytes.NewReader(b))
	rd.FieldsPerRecord = -1
	recs, err := rd.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return []Problem{{File: file, Where: fmt.Sprintf("line %d", pe.Line+lines), Msg: "malformed CSV: " + pe.Err.Error()}}
		}
		return []Problem{{File: file, Msg: "neither JSON nor CSV: " + err.Error()}}
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimSpace(h)] = i
	}
	var probs []Problem
	for _, k := range []string{"PolicyId", "PolicyValue", "ProductId"} {
		if _, ok := col[k]; !ok {
			probs = append(probs, Problem{File: file, Where: fmt.Sprintf("line %d", 1+lines),
				Msg: fmt.Sprintf("missing column %s: want the CSV of Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase | Export-Csv (PolicyId,PolicyValue,ProductName,ProductId)", k)})
		}
	}
	if len(probs) > 0 {
		return probs
	}
	exp.Files = append(exp.Files, file+" (MSCommerce product policies, CSV)")
	get := func(rec []string, k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for n, rec := range recs[1:] {
		where := fmt.Sprintf("line %d", n+2+lines)
		p := Policy{File: file, Where: where, PolicyID: get(rec, "PolicyId"), PolicyValue: get(rec, "PolicyValue"),
			ProductName: get(rec, "ProductName"), ProductID: get(rec, "ProductId")}
		if p.ProductID == "" || p.PolicyValue == "" {
			probs = append(probs, Problem{File: file, Where: where, Msg: "missing ProductId or PolicyValue"})
			continue
		}
		exp.Policies = append(exp.Policies, p)
	}
	return probs
}
