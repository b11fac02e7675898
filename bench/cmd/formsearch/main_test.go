package main

import "testing"

func TestHolds(t *testing.T) {
	tests := []struct {
		name, title, text, form string
		want                    bool
	}{
		{"ascii whole word", "", "the ISP's SMTP server", "isp", true},
		{"ascii inside a word", "", "mail.ispname.net", "isp", false},
		{"ascii inside an identifier", "", "pam_gnome_keyring.so", "keyring", true},
		{"ascii before a digit", "", "POP3 server", "pop", false},
		{"full-width folded", "", "ＵＥＦＩ を使う", "uefi", true},
		{"japanese substring", "", "セキュリティーアップデートを適用", "セキュリティーアップデート", true},
		{"japanese absent", "", "セキュリティアップデート", "セキュリティーアップデート", false},
		{"title counts", "Personal backup", "本文", "personal backup", true},
		{"phrase across words", "", "a personal  backup", "personal backup", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := holds(passage{ID: "p", Title: tt.title, Text: tt.text}, tt.form)
			if got != tt.want {
				t.Errorf("holds(%q, %q) = %v, want %v", tt.text, tt.form, got, tt.want)
			}
		})
	}
}
