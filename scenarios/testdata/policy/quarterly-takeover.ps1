# Applies the self-service purchase policy of the scenario "Quarterly takeover review".
# Written by licsim. Review it, then run it in PowerShell as a Global or Billing
# administrator (module MSCommerce: Install-Module -Name MSCommerce).
# A change applies to new trials and purchases only; existing ones carry on.
Import-Module -Name MSCommerce
Connect-MSCommerce

Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H9MP -Value Enabled  # Power BI Pro
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H6RP -Value Enabled  # Power BI Premium Per User
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LH2H -Value Enabled  # Power Apps Premium (was per user)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LH3L -Value Enabled  # Power Automate Premium (was per user)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LSGZ -Value Enabled  # Power Automate RPA (attended, per user)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD33 -Value Enabled  # Visio Plan 1
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD32 -Value Enabled  # Visio Plan 2
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HDB1 -Value Enabled  # Planner Plan 1 (was Project Plan 1)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HDB0 -Value Enabled  # Planner and Project Plan 3
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0J203 -Value Enabled  # Windows 365 Business
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0N8SS -Value Enabled  # Clipchamp Premium
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0MM8R -Value Enabled  # Microsoft 365 Copilot
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0RM8K -Value Enabled  # Teams Premium

# Not carried out by this script, part of the same policy:
#   every 91 days, an admin review applies "takeover" to each live self-service subscription (a process, not a policy)
#   products Microsoft adds later start Enabled: rerun this for them
