"""Steps that write the demo province, each from the plan and what earlier steps saved."""
