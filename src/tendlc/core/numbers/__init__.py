"""Number inventory: the phone numbers an account holds, grouped in messaging profiles."""
