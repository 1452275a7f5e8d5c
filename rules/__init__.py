"""Referral screening: policies as data (YAML) and one small evaluator with reasons."""
