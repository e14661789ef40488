package part

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"licsim/model"
)

// streamed reads a part with a Reader, collecting its replications.
func streamed(name string, data []byte) (*Part, error) {
	rd, err := NewReader(name, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	p := rd.Part()
	err = rd.Each(func(r *Result) error { p.Results = append(p.Results, *r); return nil })
	if err != nil {
		return nil, err
	}
	return p, nil
}

// brokenJSON says whether err, from the whole-part decoder, is JSON that
// cannot be read: its wording may differ when read as a stream.
func brokenJSON(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF)
}

// sameVerdict checks that Decode accepts data as the whole-part decoder
// did, with the same part, or refuses it with the same message.
func sameVerdict(t *testing.T, data []byte) {
	t.Helper()
	want, wantErr := referenceDecode("p.json", bytes.NewReader(data))
	got, err := Decode("p.json", bytes.NewReader(data))
	if err != nil {
		var pe *Error
		require.True(t, errors.As(err, &pe), "a *Error: %v", err)
		require.True(t, strings.HasPrefix(err.Error(), "p.json: "), "names the file: %v", err)
	}
	switch {
	case err != nil && strings.Contains(err.Error(), "after the results, which end a part"):
		// The one refusal of its own: the results end a part.
	case wantErr == nil:
		require.NoError(t, err)
		require.Equal(t, want, got)
	case brokenJSON(wantErr):
		require.Error(t, err)
		require.True(t, brokenJSON(err), "broken JSON, like %v: got %v", wantErr, err)
		require.True(t, strings.HasPrefix(err.Error(), "p.json: not a licsim part file: "), err.Error())
	default:
		require.EqualError(t, err, wantErr.Error())
	}
}

// fixtureParts are the parts of the fixture's run as shards write them,
// for every shard count the tests use, with and without the history
// warm-up (which fills model.Result.Carried).
func fixtureParts(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, history := range []bool{false, true} {
		cfg, _ := partFixture(t)
		cfg.History = history
		results, err := model.Replicate(context.Background(), cfg, 1, nil)
		require.NoError(t, err)
		if history {
			require.NotZero(t, results[0].Carried, "the warm-up carries something over")
		}
		for _, n := range []int{1, 2, 3, 7} {
			for _, p := range partsOf(t, cfg, n, results) {
				var b bytes.Buffer
				require.NoError(t, Write(&b, p))
				files[fmt.Sprintf("history=%t/%s", history, p.File)] = b.Bytes()
			}
		}
	}
	return files
}

// TestReader_EqualsDecode: a part read as a stream is the part Decode
// reads, and the part the whole-part decoder read, for every part of the
// fixtures, empty shards included.
func TestReader_EqualsDecode(t *testing.T) {
	for name, data := range fixtureParts(t) {
		t.Run(name, func(t *testing.T) {
			want, err := referenceDecode("p.json", bytes.NewReader(data))
			require.NoError(t, err)
			got, err := Decode("p.json", bytes.NewReader(data))
			require.NoError(t, err)
			assert.Equal(t, want, got)
			s, err := streamed("p.json", data)
			require.NoError(t, err)
			assert.Equal(t, want.Header, s.Header)
			assert.Equal(t, want.Config, s.Config)
			assert.Equal(t, len(want.Results), len(s.Results))
			if len(want.Results) > 0 {
				assert.Equal(t, want.Results, s.Results)
			}
		})
	}
}

func TestReader_EachOnce(t *testing.T) {
	cfg, results := partFixture(t)
	var b bytes.Buffer
	require.NoError(t, Write(&b, partsOf(t, cfg, 1, results)[0]))
	rd, err := NewReader("p.json", &b)
	require.NoError(t, err)
	n := 0
	require.NoError(t, rd.Each(func(*Result) error { n++; return nil }))
	assert.Equal(t, 3, n)
	assert.ErrorContains(t, rd.Each(func(*Result) error { return nil }), "p.json: the part was read already")
}

// TestReader_EachStopsOnItsError: an error of the caller's stops the
// reading at once and comes back as it is.
func TestReader_EachStopsOnItsError(t *testing.T) {
	cfg, results := partFixture(t)
	var b bytes.Buffer
	require.NoError(t, Write(&b, partsOf(t, cfg, 1, results)[0]))
	rd, err := NewReader("p.json", &b)
	require.NoError(t, err)
	stop := errors.New("stop")
	n := 0
	err = rd.Each(func(*Result) error { n++; return stop })
	assert.Equal(t, stop, err)
	assert.Equal(t, 1, n)
}

// TestDecode_SameVerdictAsWholePartDecoder: parts edited by hand, or cut
// short, are refused as the whole-part decoder refused them, with the
// same message, whatever the first problem's place in the file: broken
// JSON anywhere first, then values of the wrong type, then the checks in
// their order. Parts it accepted are accepted and equal.
func TestDecode_SameVerdictAsWholePartDecoder(t *testing.T) {
	cfg, results := partFixture(t)
	var b bytes.Buffer
	require.NoError(t, Write(&b, partsOf(t, cfg, 1, results)[0]))
	good := b.String()
	head, rest, ok := strings.Cut(good, `"results":[`)
	require.True(t, ok)
	reps := strings.Split(strings.TrimSuffix(rest, "]}\n"), ",\n")
	require.Len(t, reps, 3)
	lastRep := len(good) - len(reps[2]) - len("]}\n")
	tests := []struct {
		name string
		data string
		want string // the message, when the test pins it
	}{
		{name: "good", data: good},
		{name: "empty", data: "", want: "p.json: not a licsim part file: EOF"},
		{name: "spaces", data: " \n ", want: "p.json: not a licsim part file: EOF"},
		{name: "null", data: "null", want: `p.json: format "", this licsim reads "licsim-part/4"`},
		{name: "array", data: "[1, 2]", want: "p.json: not a licsim part file: json: cannot unmarshal array into Go value of type part.file"},
		{name: "broken array", data: "[1, 2", want: "p.json: not a licsim part file: unexpected EOF"},
		{name: "string", data: `"part"`},
		{name: "number", data: `1e999`},
		{name: "true", data: `true`},
		{name: "empty object", data: `{}`, want: `p.json: format "", this licsim reads "licsim-part/4"`},
		{name: "first key not a string", data: `{1:2}`, want: "p.json: not a licsim part file: invalid character '1' looking for beginning of object key string"},
		{name: "no colon", data: `{"format" "x"}`, want: "p.json: not a licsim part file: invalid character '\"' after object key"},
		{name: "no comma between replications", data: strings.Replace(good, ",\n", "\n", 1), want: "p.json: not a licsim part file: invalid character '{' after array element"},
		{name: "trailing comma", data: strings.Replace(good, "]}\n", ",]}\n", 1), want: "p.json: not a licsim part file: invalid character ']' looking for beginning of value"},
		{name: "cut in the header", data: good[:40], want: "p.json: not a licsim part file: unexpected EOF"},
		{name: "cut in the last replication", data: good[:lastRep+20], want: "p.json: not a licsim part file: unexpected EOF"},
		{name: "cut before the end", data: good[:len(good)-2], want: "p.json: not a licsim part file: unexpected EOF"},
		{name: "cut after the results", data: good[:len(good)-3] + "]", want: "p.json: not a licsim part file: unexpected EOF"},
		{name: "trailing bytes ignored", data: good + "garbage"},
		{name: "results null", data: head + `"results":null}`},
		{name: "no results", data: strings.TrimSuffix(head, ",") + "}"},
		{name: "results an object", data: head + `"results":{"rep":0}}`, want: "p.json: not a licsim part file: json: cannot unmarshal object into Go struct field file.results of type []part.Result"},
		{name: "results a number", data: head + `"results":3}`},
		{name: "a replication a number", data: head + `"results":[` + reps[0] + ",7," + reps[2] + "]}", want: "p.json: not a licsim part file: json: cannot unmarshal number into Go struct field file.results of type part.Result"},
		{name: "a total a string", data: strings.Replace(good, `"totals":[`, `"totals":["1",`, 1), want: "p.json: not a licsim part file: json: cannot unmarshal string into Go struct field Result.results.totals of type int64"},
		{name: "a seat holder a string", data: strings.Replace(good, `"Assigned":[`, `"Assigned":["x",`, 1)},
		{name: "type error after a bad header", data: strings.Replace(strings.Replace(good, `"arch":"amd64"`, `"arch":""`, 1), `"events":`, `"events":-`, 1)},
		{name: "header type error", data: strings.Replace(good, `"shard":0`, `"shard":"0"`, 1), want: "p.json: not a licsim part file: json: cannot unmarshal string into Go struct field file.Header.shard of type int"},
		{name: "config time broken", data: strings.Replace(good, `"start":"`, `"start":"x`, 1)},
		{name: "config time broken, replication type error", data: strings.Replace(strings.Replace(good, `"start":"`, `"start":"x`, 1), `"totals":[`, `"totals":["1",`, 1)},
		{name: "keys in other case", data: strings.Replace(strings.Replace(good, `"format":`, `"FORMAT":`, 1), `"results":`, `"Results":`, 1)},
		{name: "a header key twice", data: strings.Replace(good, `"arch":"amd64"`, `"arch":"arm64","arch":"amd64"`, 1)},
		{name: "bad header", data: strings.Replace(good, `"arch":"amd64"`, `"arch":""`, 1), want: "p.json: no CPU architecture"},
		{name: "bad header, broken JSON further on", data: strings.Replace(good, `"arch":"amd64"`, `"arch":""`, 1)[:lastRep+20], want: "p.json: not a licsim part file: unexpected EOF"},
		{name: "first replication renumbered", data: strings.Replace(good, `{"rep":0,`, `{"rep":5,`, 1), want: "p.json: result 0 is replication 5, want 0"},
		{name: "last replication renumbered", data: strings.Replace(good, `{"rep":2,`, `{"rep":5,`, 1), want: "p.json: result 2 is replication 5, want 2"},
		{name: "last replication's seed", data: good[:lastRep] + strings.Replace(reps[2], `"seed":`, `"seed":1`, 1) + "]}\n"},
		{name: "last replication twice", data: head + `"results":[` + strings.Join(append(reps, reps[2]), ",") + "]}", want: "p.json: 4 replications, want 3 ([0, 3))"},
		{name: "replication missing", data: head + `"results":[` + reps[0] + "," + reps[2] + "]}", want: "p.json: 2 replications, want 3 ([0, 3))"},
		{name: "replication missing, another renumbered", data: head + `"results":[` + strings.Replace(reps[0], `"rep":0`, `"rep":9`, 1) + "," + reps[2] + "]}", want: "p.json: 2 replications, want 3 ([0, 3))"},
		{name: "no replications", data: head + `"results":[]}`, want: "p.json: 0 replications, want 3 ([0, 3))"},
		{name: "digest", data: strings.Replace(good, `"digest":"`, `"digest":"0`, 1)},
		{name: "last replication's events", data: good[:lastRep] + strings.Replace(reps[2], `"events":`, `"events":1`, 1) + "]}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameVerdict(t, []byte(tt.data))
			if tt.want != "" {
				_, err := Decode("p.json", strings.NewReader(tt.data))
				assert.EqualError(t, err, tt.want)
			}
		})
	}
}

// TestDecode_ResultsEndAPart: the one part the whole-part decoder took
// and a Reader does not: fields after the results, which would change
// the header the replications were checked against.
func TestDecode_ResultsEndAPart(t *testing.T) {
	cfg, results := partFixture(t)
	var b bytes.Buffer
	require.NoError(t, Write(&b, partsOf(t, cfg, 1, results)[0]))
	good := b.String()
	for name, tt := range map[string]struct{ data, want string }{
		"a field after the results": {strings.Replace(good, "]}\n", `],"arch":"amd64"}`, 1),
			`p.json: not a licsim part file: field "arch" after the results, which end a part`},
		"results twice": {strings.Replace(good, "]}\n", `],"results":[]}`, 1),
			`p.json: not a licsim part file: field "results" after the results, which end a part`},
		"a type error after the results comes first": {strings.Replace(good, "]}\n", `],"arch":7}`, 1),
			"p.json: not a licsim part file: json: cannot unmarshal number into Go struct field file.Header.arch of type string"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Decode("p.json", strings.NewReader(tt.data))
			assert.EqualError(t, err, tt.want)
		})
	}
}

// TestDecode_SameVerdictCutOrEdited: the fixture's part cut short at
// every byte, and with a byte changed at every byte, is refused as the
// whole-part decoder refused it, word for word. -short tries every
// 17th byte.
func TestDecode_SameVerdictCutOrEdited(t *testing.T) {
	cfg, results := partFixture(t)
	var b bytes.Buffer
	require.NoError(t, Write(&b, partsOf(t, cfg, 2, results)[1]))
	data := b.Bytes()
	step := 1
	if testing.Short() {
		step = 17
	}
	for i := 0; i <= len(data); i += step {
		sameVerdict(t, data[:i])
		if i == len(data) {
			break
		}
		for _, c := range []byte{'x', '"', '9', '-', ']', ','} {
			edited := bytes.Clone(data)
			edited[i] = c
			sameVerdict(t, edited)
		}
	}
}
