package corpus

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// TestParseFlat checks that parseFlat takes the flat records it is for
// and returns what parseGeneral returns for them, and leaves every other
// line to parseGeneral.
func TestParseFlat(t *testing.T) {
	for _, tc := range []struct {
		line string
		flat bool // parseFlat takes it
	}{
		{`{"id":"a","text":"梅雨は雨季の一種である。","title":"梅雨"}`, true},
		{` { "id" : "a" , "text" : "t" , "title" : "T" , "document" : "D" } `, true},
		{"{\t\"text\":\"t\"\r}", true},
		{`{"text":"only text"}`, true},
		{`{"text":"","title":"title only"}`, true},
		{`{"id":"e","text":"caf\u00e9 \"quoted\" back\\slash \/ \n"}`, true},
		{`{"id":"s","text":"\ud83d\ude00 and a lone \ud800"}`, true},
		{`{"id":"b","text":"ends in a backslash\\"}`, true},
		{`{"id":"q","text":"\""}`, true},
		{`{"id":"x","text":"bad escape \x"}`, false},
		{`{"id":"x","text":"unterminated}`, false},
		{"{\"id\":\"x\",\"text\":\"control \x01 byte\"}", false},
		{`{"id":1,"text":"numeric id"}`, false},
		{`{"id":"","text":"empty id"}`, false},
		{`{"id":"n","text":null}`, false},
		{`{"id":"n","title":"no text"}`, false},
		{`{"id":"n","text":"  "}`, false},
		{`{"id":"d","text":"a","text":"b"}`, false},
		{`{"id":"m","text":"t","page":3}`, false},
		{`{"id":"m","text":"t","kind":"heading"}`, false},
		{`{"id":"m","text":"t","extra":"meta"}`, false},
		{`{"id":"m","te\u0078t":"escaped key"}`, true},
		{`{"id":"m","text":"t"} trailing`, false},
		{`{"id":"m","text":"t"}{}`, false},
		{`{"id":"m","text":"t",}`, false},
		{`{}`, false},
		{`[]`, false},
		{`"text"`, false},
		{``, false},
	} {
		got, ok := parseFlat([]byte(tc.line), "f", "fallback")
		if ok != tc.flat {
			t.Errorf("%s: parseFlat took it: %v, want %v", tc.line, ok, tc.flat)
		}
		if !ok {
			continue
		}
		want, err := parseGeneral([]byte(tc.line), "f", "fallback")
		if err != nil {
			t.Errorf("%s: parseFlat took a record parseGeneral refuses: %v", tc.line, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\nparseFlat    %+v\nparseGeneral %+v", tc.line, got, want)
		}
	}
}

// FuzzParseFlat checks that parseFlat agrees with parseGeneral on every
// valid UTF-8 line it takes. Run with: go test -fuzz FuzzParseFlat ./corpus
func FuzzParseFlat(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"梅雨","title":"梅雨"}`,
		`{"text":"caf\u00e9 \"q\" \\"}`,
		`{"id":"x","text":"t","document":"d"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		got, ok := parseFlat([]byte(line), "f", "fallback")
		if !ok || !utf8.ValidString(line) {
			return
		}
		want, err := parseGeneral([]byte(line), "f", "fallback")
		if err != nil {
			t.Fatalf("%q: parseFlat took a record parseGeneral refuses: %v", line, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nparseFlat    %+v\nparseGeneral %+v", line, got, want)
		}
	})
}
