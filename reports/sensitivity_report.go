package reports

import (
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
)

//go:embed sensitivity.html.tmpl
var sensitivityTemplate string

// SensitivityReport is what report.html of `licsim sensitivity` shows
// besides the analysis: the inputs as chosen (with where each range came
// from), the command that reproduces it and licsim's version.
type SensitivityReport struct {
	Inputs  []Input
	Command string
	Version string
}

// WriteSensitivityOutputs writes sensitivity.csv, the tornado chart and
// report.html.
func WriteSensitivityOutputs(ctx context.Context, st *Stage, s *Sensitivity, r *SensitivityReport) error {
	if err := writeFile(ctx, st, "sensitivity.csv", func(w io.Writer) error { return WriteSensitivityCSV(w, s) }); err != nil {
		return err
	}
	ch, err := ChartTornado(s)
	if err != nil {
		return err
	}
	charts := []*Chart{ch}
	if err := WriteCharts(ctx, st, charts); err != nil {
		return err
	}
	files := append(st.Files(), FileReport)
	return writeFile(ctx, st, FileReport, func(w io.Writer) error { return WriteSensitivityHTML(w, s, r, charts, files) })
}

type tornadoRow struct{ Key, Lo, Hi, Low, High, DLow, DHigh, Swing string }

type morrisRow struct{ Key, MuStar, Mu, Sigma string }

// WriteSensitivityHTML writes the report of a sensitivity analysis: a
// one-sentence conclusion, the inputs and their ranges, the tornado
// (table and inline chart), the Morris screening ranked by μ*, and the
// provenance, in the run report's style. It is self-contained.
func WriteSensitivityHTML(w io.Writer, s *Sensitivity, r *SensitivityReport, charts []*Chart, files []string) error {
	t, err := template.New("sensitivity").Funcs(template.FuncMap{
		"num": func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) },
		"inc": func(i int) int { return i + 1 },
	}).Parse(sensitivityTemplate)
	if err != nil {
		return fmt.Errorf("sensitivity template: %w", err)
	}
	views, err := chartViews(charts)
	if err != nil {
		return err
	}
	money := s.Unit != "count"
	f := func(x float64) string { return Human(x, money, "") }
	d := func(x float64) string { return signed(x, money) }
	v := struct {
		S                *Sensitivity
		Style            template.HTML
		Base, Sentence   string
		Inputs           []Input
		Tornado          []tornadoRow
		Morris           []morrisRow
		Charts           []chartView
		Command, Version string
		Files            []string
	}{S: s, Style: template.HTML(reportStyle()), Base: f(s.Base), Inputs: r.Inputs, Charts: views, Command: r.Command, Version: r.Version, Files: files}
	for _, b := range s.Tornado {
		v.Tornado = append(v.Tornado, tornadoRow{Key: b.Key, Lo: strconv.FormatFloat(b.Lo, 'g', -1, 64), Hi: strconv.FormatFloat(b.Hi, 'g', -1, 64),
			Low: f(b.Low), High: f(b.High), DLow: d(b.Low - s.Base), DHigh: d(b.High - s.Base), Swing: f(b.Swing())})
	}
	for _, m := range s.Morris {
		v.Morris = append(v.Morris, morrisRow{Key: m.Key, MuStar: f(m.MuStar), Mu: d(m.Mu), Sigma: f(m.Sigma)})
	}
	v.Sentence = sensitivitySentence(s, f)
	return t.Execute(w, v)
}

// sensitivitySentence names the input that moves the objective most.
func sensitivitySentence(s *Sensitivity, f func(float64) string) string {
	if len(s.Tornado) == 0 {
		return "No input was varied."
	}
	top := s.Tornado[0]
	out := fmt.Sprintf("%s moves %s most: from %s at %g to %s at %g (as written: %s %s).",
		top.Key, s.Objective, f(top.Low), top.Lo, f(top.High), top.Hi, f(s.Base), s.Unit)
	if len(s.Morris) > 0 {
		out += fmt.Sprintf(" Varying every input at once (Morris), %s ranks first.", s.Morris[0].Key)
	}
	return out
}

// reportStyle is the run report's stylesheet, so that every report looks
// alike.
func reportStyle() string {
	if a, b := strings.Index(reportTemplate, "<style>"), strings.Index(reportTemplate, "</style>"); a >= 0 && b > a {
		return reportTemplate[a : b+len("</style>")]
	}
	return ""
}
