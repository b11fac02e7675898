package ipadic

import (
	"bytes"
	"slices"
	"testing"

	"github.com/ikawaha/kagome-dict/ipa"
)

// TestEmbeddedIsCurrent checks that ipadic.bin is what the generator
// makes of the IPA dictionary in go.mod; if not, run go generate here.
func TestEmbeddedIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("loads Kagome's dictionary")
	}
	d, err := FromKagome(ipa.Dict())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(d.Marshal(), []byte(embedded)) {
		t.Fatal("ipadic.bin is not what the generator makes of kagome-dict/ipa: run go generate ./analyzers/internal/ipadic")
	}
}

// TestParseCopies checks that the tables read without sharing the data (as
// on a big-endian machine) equal the shared ones.
func TestParseCopies(t *testing.T) {
	shared, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	copied, err := parse(embedded, false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(shared.DA, copied.DA) || !slices.Equal(shared.Morphs, copied.Morphs) ||
		!slices.Equal(shared.conn, copied.conn) || !slices.Equal(shared.baseIndex, copied.baseIndex) ||
		!slices.Equal(shared.readIndex, copied.readIndex) ||
		!slices.Equal(shared.UnkMorphs, copied.UnkMorphs) || !slices.Equal(shared.UnkIndex, copied.UnkIndex) ||
		!slices.Equal(shared.UnkDup, copied.UnkDup) || !bytes.Equal(shared.CharCategory, copied.CharCategory) {
		t.Fatal("copied tables differ from shared ones")
	}
	if !bytes.Equal(copied.Marshal(), []byte(embedded)) {
		t.Fatal("Marshal of the parsed dictionary differs from the file")
	}
}

func TestParseRejects(t *testing.T) {
	for _, data := range []string{"", "KSIPADIC", embedded[:headerSize], "XXXXXXXX" + embedded[8:]} {
		if _, err := Parse(data); err == nil {
			t.Errorf("Parse of %d bytes: no error", len(data))
		}
	}
}

func TestBaseForm(t *testing.T) {
	d, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	kd := ipa.Dict()
	for id := 0; id < len(d.Morphs); id += 97 {
		if got, want := d.BaseForm(id), kd.Contents[id][2]; got != want {
			t.Fatalf("word %d: base form %q, Kagome %q", id, got, want)
		}
	}
}

// TestReading checks readings against Kagome's contents (feature 7 of the
// IPA dictionary: four levels of part of speech, inflection type and form,
// base form, reading).
func TestReading(t *testing.T) {
	d, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	kd := ipa.Dict()
	for id := 0; id < len(d.Morphs); id += 97 {
		if got, want := d.Reading(id), kd.Contents[id][3]; got != want {
			t.Fatalf("word %d: reading %q, Kagome %q", id, got, want)
		}
	}
}

// BenchmarkParse measures loading the embedded dictionary (Kagome's own
// form, ipa.Dict(), takes 0.6-0.8 s and 90 MiB of heap on the same
// machine).
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(embedded); err != nil {
			b.Fatal(err)
		}
	}
}
