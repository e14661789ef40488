# Applies the self-service purchase policy of the scenario "Disable all: self-service switched off".
# Written by licsim. Review it, then run it in PowerShell as a Global or Billing
# administrator (module MSCommerce: Install-Module -Name MSCommerce).
# A change applies to new trials and purchases only; existing ones carry on.
Import-Module -Name MSCommerce
Connect-MSCommerce

Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H9MP -Value Disabled  # Power BI Pro
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H6RP -Value Disabled  # Power BI Premium Per User
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LH2H -Value Disabled  # Power Apps Premium (was per user)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LH3L -Value Disabled  # Power Automate Premium (was per user)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LSGZ -Value Disabled  # Power Automate RPA (attended, per user)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD33 -Value Disabled  # Visio Plan 1
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD32 -Value Disabled  # Visio Plan 2
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HDB1 -Value Disabled  # Planner Plan 1 (was Project Plan 1)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HDB0 -Value Disabled  # Planner and Project Plan 3
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0J203 -Value Disabled  # Windows 365 Business
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0N8SS -Value Disabled  # Clipchamp Premium
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0MM8R -Value Disabled  # Microsoft 365 Copilot
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0RM8K -Value Disabled  # Teams Premium

# Not carried out by this script, part of the same policy:
#   products Microsoft adds later are disabled 0 days after they appear (check Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase)
