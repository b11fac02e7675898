// Command gen writes the IPA dictionary of kagome-dict/ipa in the form
// package ipadic embeds (run by go generate in analyzers/internal/ipadic).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ikawaha/kagome-dict/ipa"

	"github.com/kensaku/kensaku/analyzers/internal/ipadic"
)

func main() {
	out := flag.String("o", "ipadic.bin", "output `file`")
	flag.Parse()
	d, err := ipadic.FromKagome(ipa.Dict())
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, d.Marshal(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
