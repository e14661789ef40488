package reports

import (
	"bytes"
	htmlpkg "html"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

func TestReportHTML_SelfContained(t *testing.T) {
	cfg, results := fixture(t)
	cfg.PolicyChanges = []model.PolicyChange{{Date: mustDate(t, "2025-02-01"), Product: "*", Policy: model.Disabled}}
	cfg.Growth.PerYear = 1
	s := Summarize(cfg, results)
	charts := RunCharts(cfg, s, results)
	var b bytes.Buffer
	require.NoError(t, WriteReportHTML(&b, &Report{Config: cfg, Summary: s, Command: "licsim run x.toml --reps 3 --seed 7", Charts: charts, Files: []string{"summary.json"}}))
	html := b.String()

	has := func(sub string) {
		t.Helper()
		assert.True(t, strings.Contains(html, sub), "report.html lacks %q", sub)
	}
	has("<title>Golden &#34;fixture&#34;, with a comma</title>")
	assert.Equal(t, len(charts), strings.Count(html, "<svg"), "every chart inlined")
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url("} {
		assert.False(t, strings.Contains(html, bad), "the report must load nothing, found %q", bad)
	}
	// The only URLs are SVG namespace names, which browsers never fetch.
	for _, u := range regexp.MustCompile(`https?://[^"' )]+`).FindAllString(html, -1) {
		assert.Contains(t, []string{"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, u)
	}
	for _, want := range []string{"Employees pay", "Organisation pays", "Stranded spend", "Shadow seats at end",
		"90% band", "licsim run x.toml --reps 3 --seed 7", "Visio Plan 1", "every product", "New products Microsoft adds"} {
		has(want)
	}
	for _, m := range model.Metrics() {
		has("<code>" + m.Name() + "</code>")
		has(htmlpkg.EscapeString(m.Help()))
	}
	// The costs per year and per product, and the time-average of the
	// seats with why it differs from the count at the end.
	cfg, results = fixture(t)
	s = Summarize(cfg, results)
	b.Reset()
	require.NoError(t, WriteReportHTML(&b, &Report{Config: cfg, Summary: s}))
	html = b.String()
	for _, want := range []string{"Costs per year and per product", "<strong>Year 1</strong>", "2025-01 – 2025-03",
		"<code>visio-plan-1</code>", "<strong>749.87</strong>", "5.07 – 1,234.56",
		"<code>" + SeatsAverageName + "</code>", "depend on where the last admin review falls", "231 seats on average over the 3 months", "does not: 231 seats."} {
		has(want)
	}
}
