package scenarios

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"licsim/model"
)

// FilePolicyScript is the PowerShell script that applies a policy.
const FilePolicyScript = "policy.ps1"

// msCommerceValue is the -Value of Update-MSCommerceProductPolicy for a
// policy (microsoft-program.md §2.2, A1).
var msCommerceValue = map[model.Policy]string{
	model.Enabled:    "Enabled",
	model.TrialsOnly: "OnlyTrialsWithoutPaymentMethod",
	model.Disabled:   "Disabled",
}

// PolicyCommand is one Update-MSCommerceProductPolicy line.
type PolicyCommand struct {
	Product    string // the scenario's product id
	Name       string // the catalog's name
	ProductID  string // MSCommerce ProductId today ("" when not in the catalog)
	Policy     model.Policy
	PowerShell string // the command, or a comment when ProductID is unknown
}

// PolicyCommands lists, for each product of cfg, the AllowSelfServicePurchase
// value it ends with once every policy change of the scenario has been
// made (a change to "*" covers the products that existed on its date),
// as the MSCommerce PowerShell command that sets it with the product's
// current ProductId from the built-in catalog (microsoft-program.md §2.5).
func PolicyCommands(cfg *model.Config) ([]PolicyCommand, error) {
	cat, err := Catalog()
	if err != nil {
		return nil, err
	}
	changes := slices.Clone(cfg.PolicyChanges)
	slices.SortStableFunc(changes, func(a, b model.PolicyChange) int { return a.Date.Compare(b.Date) })
	var out []PolicyCommand
	for _, p := range cfg.Products {
		c := PolicyCommand{Product: p.ID, Name: p.Name, Policy: p.Policy}
		for _, ch := range changes {
			if ch.Product == p.ID || ch.Product == model.AllProducts && !p.Added.After(ch.Date) {
				c.Policy = ch.Policy
			}
		}
		for i := range cat {
			if cat[i].ID == p.ID || slices.Contains(cat[i].FormerCatalogIDs, p.ID) {
				c.ProductID, c.Name = cat[i].MSCommerceID, cat[i].Name
			}
		}
		if c.ProductID == "" {
			c.PowerShell = fmt.Sprintf("# %s: not in the built-in catalog, no MSCommerce ProductId known; set it to %s by hand", p.ID, msCommerceValue[c.Policy])
		} else {
			c.PowerShell = fmt.Sprintf("Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId %s -Value %s", c.ProductID, msCommerceValue[c.Policy])
		}
		out = append(out, c)
	}
	return out, nil
}

// WritePolicyScript writes policy.ps1: the commands of PolicyCommands,
// each followed by the product's name as a comment, between a header
// that says what it applies and notes on what no MSCommerce policy can
// carry out (reviews, takeovers, products Microsoft adds later).
func WritePolicyScript(w io.Writer, cfg *model.Config) error {
	cmds, err := PolicyCommands(cfg)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Applies the self-service purchase policy of the scenario %q.\n", cfg.Name)
	b.WriteString("# Written by licsim. Review it, then run it in PowerShell as a Global or Billing\n")
	b.WriteString("# administrator (module MSCommerce: Install-Module -Name MSCommerce).\n")
	b.WriteString("# A change applies to new trials and purchases only; existing ones carry on.\n")
	b.WriteString("Import-Module -Name MSCommerce\nConnect-MSCommerce\n\n")
	for _, c := range cmds {
		if strings.HasPrefix(c.PowerShell, "#") {
			fmt.Fprintln(&b, c.PowerShell)
			continue
		}
		fmt.Fprintf(&b, "%s  # %s\n", c.PowerShell, c.Name)
	}
	var notes []string
	a := cfg.Admin
	if a.ReviewEveryDays > 0 && a.OnReview != model.ActNone {
		notes = append(notes, fmt.Sprintf("every %d days, an admin review applies %q to each live self-service subscription (a process, not a policy)", a.ReviewEveryDays, a.OnReview))
	}
	if a.OnNotice != model.ActNone {
		notes = append(notes, fmt.Sprintf("on each trial-start notice, admins apply %q to the subscription", a.OnNotice))
	}
	if a.OnDeparture != model.DepNone {
		notes = append(notes, fmt.Sprintf("when a buyer leaves, admins apply %q to their subscriptions", a.OnDeparture))
	}
	if a.DisableNewAfterDays >= 0 {
		notes = append(notes, fmt.Sprintf("products Microsoft adds later are disabled %d days after they appear (check Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase)", a.DisableNewAfterDays))
	} else {
		notes = append(notes, "products Microsoft adds later start Enabled: rerun this for them")
	}
	b.WriteString("\n# Not carried out by this script, part of the same policy:\n")
	for _, n := range notes {
		fmt.Fprintf(&b, "#   %s\n", n)
	}
	_, err = io.WriteString(w, b.String())
	return err
}
